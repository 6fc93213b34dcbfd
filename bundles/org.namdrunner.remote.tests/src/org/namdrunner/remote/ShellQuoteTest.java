package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ShellQuoteTest {

    /** Characters a shell treats specially, plus quotes, whitespace, control and non-ASCII characters. */
    static final String NASTY = "'\"`$\\!*?[]{}()<>|&;#~ \t\n\r%^=,.:/-+@_aZ09\u00e9\u65e5\u0001\u007f";

    static String randomNasty(Random rnd, int maxLen) {
        int len = rnd.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (rnd.nextInt(10) == 0) {
                // some arbitrary code points (no NUL, no surrogates)
                int cp = 1 + rnd.nextInt(0xD7FF);
                sb.appendCodePoint(cp);
            } else {
                sb.append(NASTY.charAt(rnd.nextInt(NASTY.length())));
            }
        }
        return sb.toString();
    }

    @Test
    void safeWordsStayUnquoted() {
        assertEquals("abc", ShellQuote.quote("abc"));
        assertEquals("/projects/nrtest/namdrunner_jobs/job-1.conf", ShellQuote.quote("/projects/nrtest/namdrunner_jobs/job-1.conf"));
        assertEquals("a=b,c:d@e%f+g", ShellQuote.quote("a=b,c:d@e%f+g"));
    }

    @Test
    void everythingElseIsSingleQuoted() {
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'a b'", ShellQuote.quote("a b"));
        assertEquals("'$HOME'", ShellQuote.quote("$HOME"));
        assertEquals("'~'", ShellQuote.quote("~"));
        assertEquals("'*'", ShellQuote.quote("*"));
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("''\\'''", ShellQuote.quote("'"));
        assertEquals("'a\nb'", ShellQuote.quote("a\nb"));
        assertEquals("'; rm -rf / #'", ShellQuote.quote("; rm -rf / #"));
    }

    @Test
    void nulAndNullAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote(null));
    }

    @Test
    void quotedOutputHasNoUnquotedMetacharacters() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            String s = randomNasty(rnd, 40);
            String q = ShellQuote.quote(s);
            if (!q.startsWith("'")) {
                assertTrue(ShellQuote.isSafeWord(q), q);
                assertEquals(s, q);
                continue;
            }
            // outside of quotes only the escaped quote \' may appear
            boolean inQuote = false;
            for (int k = 0; k < q.length(); k++) {
                char c = q.charAt(k);
                if (c == '\'') {
                    inQuote = !inQuote;
                } else if (!inQuote) {
                    assertEquals('\\', c, "unquoted character in " + q);
                    assertEquals('\'', q.charAt(k + 1));
                    k++;
                }
            }
        }
    }

    /** Property test against the local POSIX shell (the remote round trip is in RemoteIntegrationTest). */
    @Test
    void localShellRoundTripGivesBackTheExactBytes() throws Exception {
        Random rnd = new Random(7);
        StringBuilder script = new StringBuilder();
        String[] inputs = new String[200];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = randomNasty(rnd, 30);
            script.append(CommandLine.of("printf").arg("%s\\0").arg(inputs[i]).toCommandString()).append('\n');
        }
        Process p = new ProcessBuilder("/bin/sh", "-c", script.toString()).redirectErrorStream(false).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String s : inputs) {
            expected.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            expected.write(0);
        }
        assertArrayEquals(expected.toByteArray(), out);
    }
}
