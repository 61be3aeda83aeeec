package com.gstcomms.api.customers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Page;
import com.gstcomms.api.http.Problem;
import com.gstcomms.runtime.data.Customer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;

@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(VIEWER)
public class CustomersResource {

    private final CurrentCaller caller;
    private final ApiConfig config;

    public CustomersResource(CurrentCaller caller, ApiConfig config) {
        this.caller = caller;
        this.config = config;
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomerView(long id, Long shopifyId, String firstName, String lastName, String name, String email,
                               String phone, String company, String gstin, String address1, String address2, String city,
                               String stateCode, String pin, String countryCode, List<String> tags, boolean emailOptIn,
                               boolean whatsappOptIn, OffsetDateTime lastInboundWhatsappAt, String locale,
                               OffsetDateTime createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.shopifyId, c.firstName, c.lastName, c.displayName(), c.email, c.phone,
                    c.company, c.gstin, c.address1, c.address2, c.city, c.stateCode, c.pin, c.countryCode, List.of(c.tags),
                    c.emailOptIn, c.whatsappOptIn, Json.time(c.lastInboundWhatsappAt), c.locale, Json.time(c.createdAt));
        }
    }

    /**
     * Customers, newest first. {@code tag}: has this tag; {@code optedIn}: EMAIL or WHATSAPP (opted in to
     * that channel) or ANY; {@code search}: part of the name, email or phone, case-insensitive.
     */
    @GET
    public Page<CustomerView> list(@QueryParam("tag") String tag, @QueryParam("optedIn") String optedIn,
                                   @QueryParam("search") String search, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") Integer limit) {
        int size = Page.limit(limit, config.maxPageSize());
        StringBuilder sql = new StringBuilder("select * from customer where shop_id = :shopId and id < :cursor");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("shopId", caller.shopId());
        params.put("cursor", Page.decode(cursor));
        if (tag != null && !tag.isBlank()) {
            sql.append(" and :tag = any(tags)");
            params.put("tag", tag.strip());
        }
        if (optedIn != null) {
            switch (optedIn.strip().toUpperCase(Locale.ROOT)) {
                case "EMAIL", "TRUE" -> sql.append(optedIn.equalsIgnoreCase("true")
                        ? " and (email_opt_in or whatsapp_opt_in)" : " and email_opt_in");
                case "WHATSAPP" -> sql.append(" and whatsapp_opt_in");
                case "ANY" -> sql.append(" and (email_opt_in or whatsapp_opt_in)");
                case "NONE", "FALSE" -> sql.append(" and not email_opt_in and not whatsapp_opt_in");
                default -> throw Problem.invalid("optedIn", "optedIn must be EMAIL, WHATSAPP, ANY or NONE");
            }
        }
        if (search != null && !search.isBlank()) {
            if (search.length() > 100) {
                throw Problem.invalid("search", "search is at most 100 characters");
            }
            sql.append(" and (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) like :q"
                    + " or lower(email) like :q or phone like :q)");
            params.put("q", "%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        sql.append(" order by id desc limit ").append(size + 1);
        List<Customer> rows = inSession(() -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), Customer.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }));
        return Page.of(rows, size, c -> c.id, CustomerView::of);
    }

    @GET
    @Path("/{id}")
    public CustomerView get(@PathParam("id") long id) {
        long shopId = caller.shopId();
        return CustomerView.of(inSession(() -> Customer.<Customer>find("id = ?1 and shopId = ?2", id, shopId).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("Customer", id))));
    }
}
