package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.ide.NamdIdeServices;
import org.namdrunner.template.render.TemplateRenderer;

/**
 * Random bytes and randomly mutated corpus files never crash or hang the parser, validator, renderer or
 * ide services. The timeout per input is a hang guard, not a performance threshold.
 */
class FuzzTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final String TCL_CHARS = "{}[]\"$#;\\\n <>=,.-_aZ09\t";

    private static void survive(String text) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            List<NamdLanguage.Finding> f = NamdLanguage.validate(text, "fuzz.namd");
            assertNotNull(f);
            TemplateRenderer.render(text, "fuzz", java.util.Map.of());
        }, () -> "hang on input:\n" + text);
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(20261123L);
        for (int i = 0; i < 150; i++) {
            byte[] b = new byte[rnd.nextInt(2000)];
            rnd.nextBytes(b);
            survive(new String(b, StandardCharsets.UTF_8));
        }
    }

    @Test
    void randomTclCharacterSoup() {
        Random rnd = new Random(42L);
        for (int i = 0; i < 150; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(600);
            for (int j = 0; j < n; j++) {
                sb.append(TCL_CHARS.charAt(rnd.nextInt(TCL_CHARS.length())));
            }
            survive(sb.toString());
        }
    }

    @Test
    void mutatedCorpusFiles() throws Exception {
        Random rnd = new Random(7L);
        for (Path f : Corpus.files()) {
            String text = Corpus.read(f);
            for (int i = 0; i < 12; i++) {
                StringBuilder sb = new StringBuilder(text);
                int edits = 1 + rnd.nextInt(20);
                for (int e = 0; e < edits && sb.length() > 0; e++) {
                    int at = rnd.nextInt(sb.length());
                    switch (rnd.nextInt(4)) {
                        case 0 -> sb.deleteCharAt(at);
                        case 1 -> sb.insert(at, TCL_CHARS.charAt(rnd.nextInt(TCL_CHARS.length())));
                        case 2 -> sb.setCharAt(at, TCL_CHARS.charAt(rnd.nextInt(TCL_CHARS.length())));
                        default -> { // duplicate or drop a slice
                            int len = Math.min(sb.length() - at, rnd.nextInt(200));
                            if (rnd.nextBoolean()) {
                                sb.insert(at, sb.substring(at, at + len));
                            } else {
                                sb.delete(at, at + len);
                            }
                        }
                    }
                }
                survive(sb.toString());
            }
        }
    }

    @Test
    void ideServicesSurviveMutations() throws Exception {
        Random rnd = new Random(99L);
        NamdIdeServices ide = NamdIdeServices.get();
        Path f = Corpus.files().get(0);
        String text = Corpus.read(f);
        for (int i = 0; i < 40; i++) {
            StringBuilder sb = new StringBuilder(text);
            int at = rnd.nextInt(sb.length());
            sb.insert(at, TCL_CHARS.charAt(rnd.nextInt(TCL_CHARS.length())));
            String doc = sb.toString();
            int offset = rnd.nextInt(doc.length() + 1);
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                ide.complete(doc, offset);
                ide.hover(doc, offset);
                ide.highlight(doc);
            });
        }
    }
}
