package org.p2pvps.governor.container;

/** A driver could not do what it was asked; the message says why, for the owner's log. */
public class ContainerException extends Exception {

    private static final long serialVersionUID = 1L;

    public ContainerException(String message) {
        super(message);
    }

    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
