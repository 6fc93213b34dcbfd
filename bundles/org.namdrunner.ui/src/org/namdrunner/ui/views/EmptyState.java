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

    public String getMessage() {
        return message.getText();
    }

    public void setMessage(String text) {
        message.setText(text);
        layout(true);
    }
}
