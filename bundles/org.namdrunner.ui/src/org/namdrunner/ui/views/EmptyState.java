package org.namdrunner.ui.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The centred message a view shows when it has nothing to list, telling the user what to do next. The message
 * label carries the data key {@link #KEY} so tests can find it.
 */
public final class EmptyState extends Composite {

    /** Widget data key set on the message label. */
    public static final String KEY = "org.namdrunner.ui.emptyState";

    private final Label message;

    public EmptyState(Composite parent, String text) {
        super(parent, SWT.NONE);
        setLayout(new GridLayout(1, false));
        message = new Label(this, SWT.CENTER | SWT.WRAP);
        message.setText(text);
        message.setData(KEY, Boolean.TRUE);
        message.setLayoutData(new GridData(SWT.CENTER, SWT.CENTER, true, true));
    }

    /** Adds a push button below the message (e.g. the Jobs view's "Try a demo job"); returns it. */
    public org.eclipse.swt.widgets.Button addButton(String text, String tooltip, Runnable action) {
        org.eclipse.swt.widgets.Button b = new org.eclipse.swt.widgets.Button(this, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tooltip);
        b.setLayoutData(new GridData(SWT.CENTER, SWT.BEGINNING, true, true));
        ((GridData) message.getLayoutData()).verticalAlignment = SWT.END;
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    public String getMessage() {
        return message.getText();
    }

    public void setMessage(String text) {
        if (!text.equals(message.getText())) {
            message.setText(text);
            layout(true);
        }
    }
}
