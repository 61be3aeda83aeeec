-- csv function (issue 6): what imports and bulk jobs could not do, row by row.
--
-- Each problem is written in the same transaction as the unit of work that found it (the split, a
-- chunk, a batch of status changes), so a redelivered chunk adds nothing twice; the unit that finishes
-- the bulk operation writes them, ordered by row, to errors.csv in S3 (bulk_operation.error_report_key).
-- row_no is the source row as a spreadsheet shows it (header = 1; 1 also for problems of the header
-- itself); for a bulk status change it is the position of the id in the request, from 1.
create table bulk_operation_error (
    bulk_operation_id  bigint         not null references bulk_operation (id) on delete cascade,
    shop_id            bigint         not null references shop (id) on delete cascade,
    row_no             integer        not null,
    seq                integer        not null,
    column_name        varchar(255)   not null default '',
    value              varchar(1000)  not null default '',
    reason             varchar(1000)  not null,
    primary key (bulk_operation_id, row_no, seq)
);
