package com.gstcomms.imports;

import java.util.List;

/**
 * A customer row, checked and normalised: email with a lower-case domain, phone in E.164, GST state
 * code, six-digit PIN. Null means the file gave no value.
 */
public record CustomerRecord(int row, Long shopifyId, String firstName, String lastName, String email,
                             String phone, String company, String gstin, String address1, String address2,
                             String city, String stateCode, String pin, String countryCode, List<String> tags,
                             boolean emailOptIn, boolean whatsappOptIn, String locale) {

    public CustomerRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
