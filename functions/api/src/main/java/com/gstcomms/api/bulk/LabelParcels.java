package com.gstcomms.api.bulk;

import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.validation.Bounded;
import com.gstcomms.core.validation.Code128;
import com.gstcomms.runtime.data.Shipment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parcels of one label run, read from {@code POST /v1/bulk/labels} and checked before anything is
 * stored: each is an existing shipment or an invoice's parcel, with the courier, AWB and weight to record on
 * it. The rules are the label renderer's (shared/documents {@code ShippingLabel}): courier and AWB present,
 * the AWB printable ASCII so that its Code 128 barcode can carry it, a weight positive when given.
 */
final class LabelParcels {

    static final int MAX_COURIER = 60;
    static final int MAX_AWB = 40;

    private LabelParcels() {
    }

    /**
     * One requested label. {@code field} names it in errors ({@code shipmentIds[0]}, {@code parcels[2]});
     * courier, AWB and weight are null when the request leaves the shipment's own.
     */
    record Item(String field, Long shipmentId, Long invoiceId, String courier, String awb, Integer weightGrams) {

        /** Where its id is in the request: {@code invoiceIds[1]}, or {@code parcels[0].shipmentId}. */
        String idField() {
            return !field.startsWith("parcels") ? field : field + (shipmentId != null ? ".shipmentId" : ".invoiceId");
        }

        String what() {
            return shipmentId != null ? "shipment " + shipmentId : "invoice " + invoiceId;
        }

        /** Records this item's courier, AWB and weight (those given) on its shipment. */
        void applyTo(Shipment shipment) {
            if (courier != null) {
                shipment.courier = courier;
            }
            if (awb != null) {
                shipment.awb = awb;
            }
            if (weightGrams != null) {
                shipment.weightGrams = weightGrams;
            }
            if (courier != null || awb != null || weightGrams != null) {
                shipment.updatedAt = OffsetDateTime.now();
            }
        }
    }

    /** Every item of the request in its order, or a 400 naming each wrong field. */
    static List<Item> read(BulkJobsResource.BulkLabels body) {
        List<Long> shipmentIds = body == null || body.shipmentIds() == null ? List.of() : body.shipmentIds();
        List<Long> invoiceIds = body == null || body.invoiceIds() == null ? List.of() : body.invoiceIds();
        List<BulkJobsResource.Parcel> parcels = body == null || body.parcels() == null ? List.of() : body.parcels();
        if (shipmentIds.isEmpty() && invoiceIds.isEmpty() && parcels.isEmpty()) {
            throw Problem.invalid("parcels", "give parcels (invoiceId or shipmentId, courier, awb), shipmentIds or invoiceIds");
        }
        if (shipmentIds.size() + invoiceIds.size() + parcels.size() > BulkJobsResource.MAX_ITEMS) {
            throw Problem.invalid("parcels", "at most " + BulkJobsResource.MAX_ITEMS + " labels per request");
        }
        FieldErrors errors = new FieldErrors();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < shipmentIds.size(); i++) {
            items.add(new Item("shipmentIds[" + i + "]", errors.required("shipmentIds[" + i + "]", shipmentIds.get(i)),
                    null, null, null, null));
        }
        for (int i = 0; i < invoiceIds.size(); i++) {
            items.add(new Item("invoiceIds[" + i + "]", null, errors.required("invoiceIds[" + i + "]", invoiceIds.get(i)),
                    null, null, null));
        }
        for (int i = 0; i < parcels.size(); i++) {
            items.add(parcel("parcels[" + i + "]", parcels.get(i), errors));
        }
        refuseRepeats(items, errors);
        errors.throwIfAny();
        return items;
    }

    private static Item parcel(String field, BulkJobsResource.Parcel parcel, FieldErrors errors) {
        if (parcel == null) {
            errors.add(field, "a parcel needs invoiceId or shipmentId, courier and awb");
            return new Item(field, null, null, null, null, null);
        }
        if ((parcel.invoiceId() == null) == (parcel.shipmentId() == null)) {
            errors.add(field + ".invoiceId", "give either invoiceId (its parcel is created when it has none) or shipmentId");
        }
        String courier = courier(field + ".courier", parcel.courier(), errors);
        String awb = awb(field + ".awb", parcel.awb(), errors);
        Integer weight = parcel.weightGrams();
        if (weight != null && errors.check(field + ".weightGrams", Bounded.WEIGHT_GRAMS.check(field + ".weightGrams",
                java.math.BigDecimal.valueOf(weight))) == null) {
            weight = null;
        }
        return new Item(field, parcel.shipmentId(), parcel.invoiceId(), courier, awb, weight);
    }

    private static String courier(String field, String courier, FieldErrors errors) {
        if (courier == null || courier.isBlank()) {
            errors.add(field, "the courier is required (the company that carries the parcel, e.g. Delhivery)");
            return null;
        }
        return errors.maxLength(field, courier.strip(), MAX_COURIER);
    }

    private static String awb(String field, String awb, FieldErrors errors) {
        if (awb == null || awb.isBlank()) {
            errors.add(field, "the AWB number is required (the courier's air waybill number, printed as the label's barcode)");
            return null;
        }
        String value = awb.strip();
        String problem = awbProblem(value);
        if (problem != null) {
            errors.add(field, problem);
            return null;
        }
        return errors.maxLength(field, value, MAX_AWB);
    }

    /** Why a label's barcode cannot carry this AWB (the renderer's own rule, shared/core), or null when it can. */
    static String awbProblem(String awb) {
        return Code128.problem(awb).map(problem -> "the AWB '" + awb + "' " + problem).orElse(null);
    }

    /** The same shipment or invoice twice would make two labels for one parcel. */
    private static void refuseRepeats(List<Item> items, FieldErrors errors) {
        Map<String, String> first = new HashMap<>();
        for (Item item : items) {
            if (item.shipmentId() == null && item.invoiceId() == null) {
                continue;
            }
            String earlier = first.putIfAbsent(item.what(), item.field());
            if (earlier != null) {
                errors.add(item.field(), item.what() + " is already in " + earlier + "; list each parcel once");
            }
        }
    }

    /**
     * After the items' details are applied: a shipment still without courier or AWB (or with an AWB the
     * barcode cannot carry) is named, so that nothing is queued that must fail.
     */
    static void requireLabelDetails(Item item, Shipment shipment, FieldErrors errors) {
        boolean noCourier = shipment.courier == null || shipment.courier.isBlank();
        boolean noAwb = shipment.awb == null || shipment.awb.isBlank();
        if (noCourier || noAwb) {
            String missing = noCourier && noAwb ? "courier and AWB" : noCourier ? "courier" : "AWB";
            errors.add(item.field(), item.what() + " has no " + missing + " for its label; give them in parcels: {"
                    + (item.shipmentId() != null ? "shipmentId" : "invoiceId") + ", courier, awb}");
            return;
        }
        String problem = awbProblem(shipment.awb.strip());
        if (problem != null) {
            errors.add(item.field(), item.what() + ": " + problem + "; give a correct one in parcels");
        }
    }
}
