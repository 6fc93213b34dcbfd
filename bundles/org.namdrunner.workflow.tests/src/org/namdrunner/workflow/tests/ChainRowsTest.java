package org.namdrunner.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.workflow.ChainRows;
import org.namdrunner.workflow.ChainRows.Relation;
import org.namdrunner.workflow.ChainRows.Row;

/** The job editor's chain view rows: tree order, depth, relations. */
class ChainRowsTest {

    static Job job(String id, String parent) {
        return Job.builder().id(id).name(id).profileId("p").state(JobState.COMPLETED).parentJobId(parent).build();
    }

    static String render(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        for (Row r : rows) {
            b.append("  ".repeat(r.depth())).append(r.job().id()).append(' ').append(r.relation()).append('\n');
        }
        return b.toString();
    }

    @Test
    void chainOrderedAsATreeWithRelationsToTheFocusedJob() {
        // Workflows.chain order: breadth-first from the root (min, eq, eq-retry, prod, prod2, analysis)
        List<Job> chain = List.of(job("min", null), job("eq", "min"), job("eq-retry", "min"), job("prod", "eq"),
                job("analysis", "eq-retry"), job("prod2", "prod"));
        assertEquals("""
                min ANCESTOR
                  eq PARENT
                    prod SELF
                      prod2 CHILD
                  eq-retry OTHER
                    analysis OTHER
                """, render(ChainRows.of(chain, "prod")));
        assertEquals("""
                min SELF
                  eq CHILD
                    prod DESCENDANT
                      prod2 DESCENDANT
                  eq-retry CHILD
                    analysis DESCENDANT
                """, render(ChainRows.of(chain, "min")));
    }

    @Test
    void missingParentsAndLoopsDoNotLoseJobs() {
        List<Job> chain = List.of(job("orphan", "gone"), job("a", "b"), job("b", "a"), job("kid", "orphan"));
        List<Row> rows = ChainRows.of(chain, "kid");
        assertEquals(4, rows.size(), render(rows));
        assertEquals("""
                orphan PARENT
                  kid SELF
                a OTHER
                b OTHER
                """, render(rows));
        assertEquals(Relation.SELF, ChainRows.of(List.of(job("x", null)), "x").get(0).relation());
        assertEquals(List.of(), ChainRows.of(List.of(), "x"));
    }
}
