-- invoice-pdf (issue 3): why an invoice could not be rendered or delivered, and when its PDF was made.
-- pdf_error is set when a render command fails on the invoice's data (bad GSTIN, figures that do not
-- add up, no customer to deliver to) and cleared by the next successful render; pdf_key (V1) keeps the
-- key of the last PDF stored.
alter table invoice add column pdf_error varchar(1000);
alter table invoice add column pdf_rendered_at timestamptz;
