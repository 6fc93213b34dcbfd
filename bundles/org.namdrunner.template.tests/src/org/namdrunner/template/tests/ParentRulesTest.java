package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.validation.NamdRules;
import org.namdrunner.template.validation.ValidationOptions;

/**
 * A keyword whose parent is off or missing is ignored by NAMD (a warning), unless it is a switch set to its default:
 * then being ignored changes nothing (AMBER inputs commonly write {@code paraTypeCharmm off} without parameters).
 */
class ParentRulesTest {

    private static final String AMBER = String.join("\n", "amber yes", "parmfile s.parm7", "ambercoor s.rst7",
            "readexclusions yes", "scnb 2.0", "exclude scaled1-4", "1-4scaling 0.833333", "temperature 300",
            "cutoff 9", "timestep 2", "outputName out", "");

    private static List<String> parentOff(String config) {
        return NamdLanguage.validate(config, "a.namd", ValidationOptions.DEFAULT).stream()
                .filter(f -> NamdRules.PARENT_OFF.equals(f.code())).map(NamdLanguage.Finding::message).toList();
    }

    @Test
    void aSwitchSetToItsDefaultWithoutItsParentIsNoWarning() {
        assertEquals(List.of(), parentOff(AMBER + "paraTypeCharmm off\nrun 100\n"));
    }

    @Test
    void aSwitchTurnedOnWithoutItsParentStillWarns() {
        List<String> on = parentOff(AMBER + "paraTypeCharmm on\nrun 100\n");
        assertEquals(1, on.size(), on.toString());
        assertEquals(true, on.get(0).startsWith("paraTypeCharmm is set but parameters is not set"), on.get(0));
    }
}
