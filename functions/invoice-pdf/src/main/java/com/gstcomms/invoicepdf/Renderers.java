package com.gstcomms.invoicepdf;

import com.gstcomms.documents.FontLibrary;
import com.gstcomms.documents.ShippingLabelPdf;
import com.gstcomms.documents.TaxInvoicePdf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The PDF layouts of shared/documents, with the bundled fonts parsed once per Lambda instance (a few
 * milliseconds at the first render, then reused by every invocation).
 */
@ApplicationScoped
public class Renderers {

    @Produces
    @Singleton
    FontLibrary fonts() {
        return FontLibrary.load();
    }

    @Produces
    @Singleton
    TaxInvoicePdf invoices(FontLibrary fonts) {
        return new TaxInvoicePdf(fonts);
    }

    @Produces
    @Singleton
    ShippingLabelPdf labels(FontLibrary fonts) {
        return new ShippingLabelPdf(fonts);
    }
}
