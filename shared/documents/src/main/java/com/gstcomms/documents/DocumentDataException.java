package com.gstcomms.documents;

/**
 * The data given for a document cannot be printed as it is: a missing Rule 46 field, an invalid
 * GSTIN, figures that do not add up. The message says what is wrong and where (which field, which
 * line), in words a merchant can act on. Retrying does not help; fixing the data does.
 */
public class DocumentDataException extends IllegalArgumentException {

    private final String field;

    public DocumentDataException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The machine name of the field at fault, e.g. {@code "recipient.gstin"} or {@code "lines[3].total"}. */
    public String field() {
        return field;
    }
}
