package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void composesQuotedArguments() {
        CommandLine c = CommandLine.of("mkdir").arg("-p").endOfOptions().arg("/projects/u/job one")
                .and(CommandLine.of("ls").arg("-la").arg("$(reboot)"));
        assertEquals("mkdir -p -- '/projects/u/job one' && ls -la '$(reboot)'", c.toCommandString());
    }

    @Test
    void operatorsQuoteTheirOperands() {
        CommandLine c = CommandLine.of("echo").arg("x").redirectStdoutTo("/tmp/a b;c").stderrToStdout();
        assertEquals("echo x > '/tmp/a b;c' 2>&1", c.toCommandString());
        assertEquals("cat f | sha256sum", CommandLine.of("cat").arg("f").pipe(CommandLine.of("sha256sum")).toString());
        assertEquals("test -d d || mkdir d", CommandLine.of("test").args("-d", "d").or(CommandLine.of("mkdir").arg("d")).toString());
        assertEquals("a 1 2 3", CommandLine.of("a").args(List.of("1", "2")).arg(3).toString());
    }

    @Test
    void programNameMustBeAFixedWord() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of("rm -rf /"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of("ls;reboot"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of("$(x)"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of(""));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of(null));
    }

    @Test
    void shellScriptPassesInputsAsPositionalParameters() {
        CommandLine c = CommandLine.shellScript("printf %s \"$1\"", "a'b");
        assertEquals("sh -c 'printf %s \"$1\"' sh 'a'\\''b'", c.toCommandString());
    }

    @Test
    void equalityIsByCommandText() {
        assertEquals(CommandLine.of("squeue").arg("-h"), CommandLine.of("squeue").arg("-h"));
        assertEquals(CommandLine.of("squeue").arg("-h").hashCode(), CommandLine.of("squeue").arg("-h").hashCode());
        assertNotEquals(CommandLine.of("squeue").arg("-h"), CommandLine.of("squeue").arg("-H"));
    }
}
