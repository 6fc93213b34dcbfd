package org.namdrunner.ui.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.namdrunner.remote.UserInteraction;

/**
 * The remote layer's questions as dialogs: password, key passphrase (each with "Save in secure storage", off by
 * default), keyboard-interactive prompts, and "trust this host key?" with its SHA-256 fingerprint. Called from
 * connection jobs; each question waits for the user on the UI thread.
 */
public class DialogUserInteraction implements UserInteraction {

    public static final String PASSWORD_TITLE = "Password Required";
    public static final String PASSPHRASE_TITLE = "Key Passphrase Required";
    public static final String KEYBOARD_TITLE = "Authentication";
    public static final String HOST_KEY_TITLE = "Unknown Host Key";
    public static final String TRUST_BUTTON = "Trust and Connect";
    public static final String SAVE_LABEL = "Save in secure storage";
    /** Under the checkbox: the master password Eclipse asks for on a first save is not the cluster's password. */
    public static final String SAVE_EXPLANATION = "Saved secrets are encrypted in Eclipse secure storage on this computer. "
            + "The first time, it asks for a master password of its own (and optional recovery questions): that password "
            + "protects everything saved there and is not your cluster password. Codes that change at every login are never saved.";

    @Override
    public Secret promptPassword(String destination, boolean retry) {
        return secret(PASSWORD_TITLE, (retry ? "The password was not accepted. " : "") + "Password for " + destination + ":");
    }

    @Override
    public Secret promptPassphrase(String keyFile, boolean retry) {
        return secret(PASSPHRASE_TITLE, (retry ? "The passphrase was not accepted. " : "") + "Passphrase of the key " + keyFile + ":");
    }

    private static Secret secret(String title, String message) {
        return onUi(shell -> {
            SecretDialog d = new SecretDialog(shell, title, List.of(new Prompt(message, false)), null, true);
            if (d.open() != Dialog.OK) {
                return null;
            }
            return new Secret(d.answers.get(0).toCharArray(), d.remember);
        });
    }

    /**
     * Keyboard-interactive (a one-time code, a Duo-style menu, a password): the server's name, instruction and prompts
     * are shown exactly as sent (several lines too), each answer field hidden unless the server asked for echo. The
     * answers are never saved. Labels carry {@link #SERVER_TEXT} data ("name", "instruction", "prompt0", ...).
     */
    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction, List<Prompt> prompts) {
        return onUi(shell -> {
            SecretDialog d = new SecretDialog(shell, KEYBOARD_TITLE, prompts, "Login to " + destination, false);
            d.serverName = name;
            d.serverInstruction = instruction;
            return d.open() == Dialog.OK ? d.answers.toArray(String[]::new) : null;
        });
    }

    /** Data key of the Authentication dialog's labels that show the server's text: "name", "instruction", "prompt<i>". */
    public static final String SERVER_TEXT = "org.namdrunner.ui.remote.serverText";

    @Override
    public boolean confirmHostKey(String host, String keyType, String fingerprint) {
        Boolean ok = onUi(shell -> new MessageDialog(shell, HOST_KEY_TITLE, null,
                "The host " + host + " is not yet known.\n\nKey type: " + keyType + "\nFingerprint: " + fingerprint
                        + "\n\nCompare the fingerprint with the one your cluster's administrators publish. Trust this "
                        + "host key and add it to known_hosts?",
                MessageDialog.QUESTION, 1, TRUST_BUTTON, IDialogConstants.CANCEL_LABEL).open() == 0);
        return Boolean.TRUE.equals(ok);
    }

    @Override
    public void showMessage(String message) {
        // server banners: not shown in a dialog (they arrive on every login); the command log keeps events
    }

    private interface UiCall<T> {
        T run(Shell shell);
    }

    private static <T> T onUi(UiCall<T> call) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        AtomicReference<T> result = new AtomicReference<>();
        display.syncExec(() -> {
            Shell shell = display.getActiveShell();
            if (shell == null && PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null) {
                shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
            }
            result.set(call.run(shell));
        });
        return result.get();
    }

    /** A dialog with one text field per prompt (hidden unless the prompt echoes) and an optional "save" box. */
    static final class SecretDialog extends Dialog {
        private final String title;
        private final List<Prompt> prompts;
        private final String head;
        private final boolean offerSave;
        private final List<Text> fields = new ArrayList<>();
        private Button save;
        final List<String> answers = new ArrayList<>();
        boolean remember;
        /** Keyboard-interactive: the server's name and instruction (shown as sent when not empty). */
        String serverName;
        String serverInstruction;

        SecretDialog(Shell parent, String title, List<Prompt> prompts, String head, boolean offerSave) {
            super(parent);
            this.title = title;
            this.prompts = prompts;
            this.head = head;
            this.offerSave = offerSave;
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText(title);
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite c = (Composite) super.createDialogArea(parent);
            c.setLayout(new GridLayout(1, false));
            if (head != null && !head.isBlank()) {
                Label l = new Label(c, SWT.WRAP);
                l.setText(head);
                l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            }
            serverLabel(c, "name", serverName);
            serverLabel(c, "instruction", serverInstruction);
            for (int i = 0; i < prompts.size(); i++) {
                Prompt p = prompts.get(i);
                Label l = new Label(c, SWT.WRAP);
                l.setText(p.text().replace("&", "&&")); // as sent: '&' is not a mnemonic here
                l.setData(SERVER_TEXT, "prompt" + i);
                GridData ld = new GridData(SWT.FILL, SWT.TOP, true, false);
                ld.widthHint = 380;
                l.setLayoutData(ld);
                Text t = new Text(c, SWT.BORDER | SWT.SINGLE | (p.echo() ? 0 : SWT.PASSWORD));
                t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                fields.add(t);
            }
            if (offerSave) {
                save = new Button(c, SWT.CHECK);
                save.setText(SAVE_LABEL);
                save.setSelection(false);
                // Eclipse's own dialogs follow a first save (master password, recovery hints): say beforehand what they are
                Label why = new Label(c, SWT.WRAP);
                why.setText(SAVE_EXPLANATION);
                GridData wd = new GridData(SWT.FILL, SWT.TOP, true, false);
                wd.widthHint = 380;
                why.setLayoutData(wd);
                why.setEnabled(false);
            }
            return c;
        }

        private static void serverLabel(Composite c, String what, String text) {
            if (text == null || text.isEmpty()) {
                return;
            }
            Label l = new Label(c, SWT.WRAP);
            l.setText(text.replace("&", "&&"));
            l.setData(SERVER_TEXT, what);
            GridData ld = new GridData(SWT.FILL, SWT.TOP, true, false);
            ld.widthHint = 380;
            l.setLayoutData(ld);
        }

        @Override
        protected void okPressed() {
            for (Text t : fields) {
                answers.add(t.getText());
            }
            remember = save != null && save.getSelection();
            super.okPressed();
        }
    }
}
