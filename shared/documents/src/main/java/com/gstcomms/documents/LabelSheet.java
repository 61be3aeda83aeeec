package com.gstcomms.documents;

/** How labels are put on paper. */
public enum LabelSheet {
    /** One 4×6 inch (101.6 × 152.4 mm) label per page, for thermal label printers. */
    THERMAL_4X6,
    /**
     * Four labels on an A4 sheet (2 × 2, one per A6 quarter) for laser printers, each the 4×6 label
     * scaled to 94.7% so it fits a 148.5 mm quarter, with dashed cut lines between.
     */
    A4_FOUR_UP
}
