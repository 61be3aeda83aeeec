package com.gstcomms.documents;

import com.gstcomms.core.money.Money;

import java.util.ArrayList;
import java.util.List;

/** Shipping labels shaped like the sample store's orders. */
public final class SampleLabels {

    private SampleLabels() {
    }

    public static LabelAddress from() {
        return LabelAddress.of("from", "Rangoli Crafts", List.of("Unit 4, Laxmi Industrial Estate", "Station Road, Pune"),
                "411001", "+91 20 2612 3456");
    }

    public static ShippingLabel cod() {
        return new ShippingLabel("Delhivery Surface", "1490812345678", "#IN1002", from(),
                LabelAddress.of("to", "Priya Gupta", List.of("296 Station Road, Near Central Bus Stand", "T. Nagar, Chennai, Tamil Nadu"),
                        "600017", "+91 94711 27256"),
                Money.parse("7169.00"), 2350, "INV/2627/000124");
    }

    public static ShippingLabel prepaid() {
        return new ShippingLabel("Blue Dart Apex", "BD83920017IN", "#IN1001", from(),
                LabelAddress.of("to", "Aarav Nair", List.of("84 Station Road", "Pune, Maharashtra"), "411001", "+91 74354 29891"),
                Money.ZERO, 750, "INV/2627/000123");
    }

    public static List<ShippingLabel> many(int n) {
        List<ShippingLabel> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ShippingLabel base = i % 2 == 0 ? cod() : prepaid();
            labels.add(new ShippingLabel(base.courier(), base.awb().substring(0, base.awb().length() - 3) + String.format("%03d", i),
                    "#IN" + (3000 + i), base.from(), base.to(), base.codAmount(), base.weightGrams(), base.invoiceNo()));
        }
        return labels;
    }
}
