/**
 * The data model (docs/ARCHITECTURE.md "Data"): Hibernate Reactive Panache entities over the Flyway schema in
 * {@code db/migration}. Every tenant-owned entity carries {@code shopId}; callers always filter by it.
 * Money is in paise ({@code long}, columns {@code *_paise}); rates are {@link java.math.BigDecimal}
 * percentages. Column names follow the camelCase-to-underscores naming strategy that the functions
 * configure (see META-INF/microprofile-config.properties).
 */
package com.gstcomms.runtime.data;
