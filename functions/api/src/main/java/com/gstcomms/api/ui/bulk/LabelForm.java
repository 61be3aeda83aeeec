package com.gstcomms.api.ui.bulk;

import com.gstcomms.api.bulk.BulkJobsResource;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Problem;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Labels tab's form: the ticked invoices ({@code invoiceId}) and, on each one's row, the courier,
 * AWB and weight typed ({@code courier-{id}}, {@code awb-{id}}, {@code weight-{id}}); an empty courier
 * takes the batch's ({@code batchCourier}). Parcel {@code i} of the request is ticked invoice {@code i}, so
 * the API's errors ({@code parcels[i].awb}) go back to their rows.
 */
final class LabelForm {

    private static final Pattern PARCEL_FIELD = Pattern.compile("^parcels\\[(\\d+)]");

    /** The messages to show on one invoice's row. */
    @TemplateData
    record RowErrors(long invoiceId, List<String> messages) {
    }

    private final List<Long> ids;
    private final List<BulkJobsResource.Parcel> parcels = new ArrayList<>();
    private final FieldErrors weightErrors = new FieldErrors();

    private LabelForm(List<Long> ids) {
        this.ids = ids;
    }

    /** The ticked invoices' ids (a value that is not a number is a 400 naming the field). */
    static List<Long> ticked(MultivaluedMap<String, String> form) {
        List<String> values = form.get("invoiceId");
        if (values == null) {
            return List.of();
        }
        FieldErrors errors = new FieldErrors();
        List<Long> ids = values.stream().map(v -> errors.parse("invoiceId", v.strip(), text -> {
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invoiceId '" + text + "' is not an invoice id");
            }
        })).toList();
        errors.throwIfAny();
        return ids;
    }

    static LabelForm read(MultivaluedMap<String, String> form, List<Long> ids) {
        LabelForm read = new LabelForm(ids);
        String batchCourier = text(form, "batchCourier");
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            String courier = text(form, "courier-" + id);
            String weight = text(form, "weight-" + id);
            read.parcels.add(new BulkJobsResource.Parcel(id, null, courier != null ? courier : batchCourier,
                    text(form, "awb-" + id), read.weightErrors.parse("parcels[" + i + "].weightGrams", weight, LabelForm::grams)));
        }
        return read;
    }

    /** The API request, or a 400 for a weight that is not whole grams. */
    BulkJobsResource.BulkLabels request() {
        weightErrors.throwIfAny();
        return new BulkJobsResource.BulkLabels(null, null, List.copyOf(parcels));
    }

    /** The problem's errors by row, for the fields about one parcel ({@code parcels[i]…}); empty when none is. */
    List<RowErrors> rowErrors(Problem problem) {
        List<Problem.FieldError> errors = problem.body(null).errors();
        Map<Long, List<String>> byRow = new LinkedHashMap<>();
        for (Problem.FieldError error : errors == null ? List.<Problem.FieldError>of() : errors) {
            Matcher m = PARCEL_FIELD.matcher(error.field());
            if (m.find() && Integer.parseInt(m.group(1)) < ids.size()) {
                byRow.computeIfAbsent(ids.get(Integer.parseInt(m.group(1))), k -> new ArrayList<>()).add(error.message());
            }
        }
        return byRow.entrySet().stream().map(e -> new RowErrors(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    private static Integer grams(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the weight '" + text + "' is not whole grams (e.g. 500)");
        }
    }

    private static String text(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
