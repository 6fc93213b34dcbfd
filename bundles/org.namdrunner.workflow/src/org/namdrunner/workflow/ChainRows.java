package org.namdrunner.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.namdrunner.core.model.Job;

/**
 * The rows of a chain view: the jobs of {@link Workflows#chain} as a tree (parents before their children, children
 * oldest first, each with its depth) and each job's relation to the job the view is about. UI-free.
 */
public final class ChainRows {

    /** How a row's job is related to the focused job. */
    public enum Relation {
        SELF("this job"), PARENT("parent"), ANCESTOR("ancestor"), CHILD("child"), DESCENDANT("descendant"), OTHER("same chain");

        private final String label;

        Relation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One row: the job, its depth below the chain's root (0) and its relation to the focused job. */
    public record Row(Job job, int depth, Relation relation) {
    }

    private ChainRows() {
    }

    /**
     * Orders {@code chain} depth-first from its roots (jobs whose parent is not in the list), keeping the given order
     * among siblings, and marks relations to {@code focusId}. Parent links that form a loop are cut.
     */
    public static List<Row> of(List<Job> chain, String focusId) {
        Map<String, Job> byId = new LinkedHashMap<>();
        for (Job j : chain) {
            byId.putIfAbsent(j.id(), j);
        }
        Map<String, List<Job>> children = new HashMap<>();
        List<Job> roots = new ArrayList<>();
        for (Job j : byId.values()) {
            if (j.parentJobId() != null && byId.containsKey(j.parentJobId()) && !inLoop(j, byId)) {
                children.computeIfAbsent(j.parentJobId(), k -> new ArrayList<>()).add(j);
            } else {
                roots.add(j);
            }
        }
        List<String> ancestors = new ArrayList<>();
        Job f = byId.get(focusId);
        for (int guard = 0; f != null && f.parentJobId() != null && guard < byId.size(); guard++) {
            ancestors.add(f.parentJobId());
            f = byId.get(f.parentJobId());
        }
        List<Row> out = new ArrayList<>();
        for (Job r : roots) {
            walk(r, 0, children, focusId, ancestors, false, out);
        }
        return out;
    }

    private static boolean inLoop(Job j, Map<String, Job> byId) {
        String id = j.parentJobId();
        for (int i = 0; id != null && i <= byId.size(); i++) {
            if (id.equals(j.id())) {
                return true;
            }
            Job p = byId.get(id);
            id = p == null ? null : p.parentJobId();
        }
        return false;
    }

    private static void walk(Job j, int depth, Map<String, List<Job>> children, String focusId, List<String> ancestors,
            boolean belowFocus, List<Row> out) {
        Relation rel;
        if (j.id().equals(focusId)) {
            rel = Relation.SELF;
        } else if (!ancestors.isEmpty() && ancestors.get(0).equals(j.id())) {
            rel = Relation.PARENT;
        } else if (ancestors.contains(j.id())) {
            rel = Relation.ANCESTOR;
        } else if (belowFocus) {
            rel = focusId.equals(j.parentJobId()) ? Relation.CHILD : Relation.DESCENDANT;
        } else {
            rel = Relation.OTHER;
        }
        out.add(new Row(j, depth, rel));
        for (Job c : children.getOrDefault(j.id(), List.of())) {
            walk(c, depth + 1, children, focusId, ancestors, belowFocus || rel == Relation.SELF, out);
        }
    }
}
