package org.namdrunner.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Dependencies between jobs (or automation steps): node → the nodes it depends on. Finds the cycle a new edge
 * would close, the dependants of a node, and a topological order.
 */
public final class DependencyGraph {
    private final Map<String, Set<String>> dependsOn = new LinkedHashMap<>();

    public DependencyGraph() {
    }

    public DependencyGraph(Map<String, ? extends Collection<String>> edges) {
        edges.forEach((k, v) -> v.forEach(d -> add(k, d)));
    }

    public void add(String node, String dependency) {
        dependsOn.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(dependency);
        dependsOn.computeIfAbsent(dependency, k -> new LinkedHashSet<>());
    }

    public void addNode(String node) {
        dependsOn.computeIfAbsent(node, k -> new LinkedHashSet<>());
    }

    public Set<String> dependencies(String node) {
        return dependsOn.getOrDefault(node, Set.of());
    }

    /**
     * The cycle that adding "{@code node} depends on {@code dependency}" would close, as the path
     * {@code node → dependency → ... → node}; empty when the edge is safe.
     */
    public Optional<List<String>> cycleIfAdded(String node, String dependency) {
        if (node.equals(dependency)) {
            return Optional.of(List.of(node, node));
        }
        // path dependency → ... → node along existing edges?
        Map<String, String> via = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(dependency));
        Set<String> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            String n = todo.poll();
            for (String d : dependencies(n)) {
                if (seen.add(d)) {
                    via.put(d, n);
                    todo.add(d);
                }
                if (d.equals(node)) {
                    List<String> path = new ArrayList<>();
                    for (String p = node; p != null; p = via.get(p)) {
                        path.add(0, p);
                        if (p.equals(dependency)) {
                            break;
                        }
                    }
                    path.add(0, node);
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    /** Some cycle of the graph, as a closed path, or empty. */
    public Optional<List<String>> findCycle() {
        Map<String, Integer> color = new HashMap<>();
        for (String start : dependsOn.keySet()) {
            if (color.getOrDefault(start, 0) != 0) {
                continue;
            }
            Deque<String> stack = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> its = new ArrayDeque<>();
            stack.push(start);
            its.push(dependencies(start).iterator());
            color.put(start, 1);
            while (!stack.isEmpty()) {
                java.util.Iterator<String> it = its.peek();
                if (it.hasNext()) {
                    String d = it.next();
                    int c = color.getOrDefault(d, 0);
                    if (c == 1) {
                        List<String> path = new ArrayList<>();
                        for (String s : stack) {
                            path.add(0, s);
                            if (s.equals(d)) {
                                break;
                            }
                        }
                        path.add(d);
                        return Optional.of(path);
                    }
                    if (c == 0) {
                        color.put(d, 1);
                        stack.push(d);
                        its.push(dependencies(d).iterator());
                    }
                } else {
                    color.put(stack.pop(), 2);
                    its.pop();
                }
            }
        }
        return Optional.empty();
    }

    /** Nodes that depend on {@code node}, directly or transitively. */
    public Set<String> dependantsOf(String node) {
        Map<String, Set<String>> reverse = new HashMap<>();
        dependsOn.forEach((k, v) -> v.forEach(d -> reverse.computeIfAbsent(d, x -> new LinkedHashSet<>()).add(k)));
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            for (String k : reverse.getOrDefault(todo.poll(), Set.of())) {
                if (out.add(k)) {
                    todo.add(k);
                }
            }
        }
        return out;
    }

    /** Dependencies before dependants; fails naming a cycle. */
    public List<String> topologicalOrder(Function<String, String> label) {
        findCycle().ifPresent(c -> {
            throw new IllegalStateException("Dependency cycle: " + describe(c, label));
        });
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String n : dependsOn.keySet()) {
            visit(n, done, order);
        }
        return order;
    }

    private void visit(String n, Set<String> done, List<String> order) {
        if (!done.add(n)) {
            return;
        }
        for (String d : dependencies(n)) {
            visit(d, done, order);
        }
        order.add(n);
    }

    /** "a → b → a" with labels. */
    public static String describe(List<String> cycle, Function<String, String> label) {
        return String.join(" \u2192 ", cycle.stream().map(label).toList());
    }
}
