package com.gstcomms.api.campaigns;

import com.gstcomms.runtime.campaign.Audience;
import io.quarkus.qute.TemplateData;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How many customers a campaign's audience would reach before it starts ("preview count"): members of the
 * audience, and of those the ones opted in to the channel (AUTO: either), as the fan-out counts them.
 */
@ApplicationScoped
public class AudienceCount {

    private static final String COUNT = """
            select count(*) as members, count(*) filter (where %s) as reachable
              from customer where shop_id = $1 and (%s)""";

    private final Pool pool;

    public AudienceCount(Pool pool) {
        this.pool = pool;
    }

    @TemplateData
    public record Count(long members, long reachable) {
    }

    public Count count(long shopId, Audience audience, String channel) {
        String optedIn = switch (channel == null ? "AUTO" : channel) {
            case "EMAIL" -> "email_opt_in";
            case "WHATSAPP" -> "whatsapp_opt_in";
            default -> "email_opt_in or whatsapp_opt_in";
        };
        String members = switch (audience.type()) {
            case ALL -> optedIn;
            case TAGS -> "tags && $2";
            case CUSTOMERS -> "id = any($2)";
        };
        Tuple args = switch (audience.type()) {
            case ALL -> Tuple.of(shopId);
            case TAGS -> Tuple.of(shopId, audience.tags().toArray(String[]::new));
            case CUSTOMERS -> Tuple.of(shopId, audience.customerIds().toArray(Long[]::new));
        };
        Row row = pool.preparedQuery(COUNT.formatted(optedIn, members)).execute(args).await()
                .atMost(Duration.ofSeconds(10)).iterator().next();
        return new Count(row.getLong("members"), row.getLong("reachable"));
    }
}
