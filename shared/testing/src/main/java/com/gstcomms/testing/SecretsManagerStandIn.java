package com.gstcomms.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for AWS Secrets Manager's {@code GetSecretValue} (and {@code PutSecretValue}, a
 * rotation), on its JSON protocol
 * ({@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue}, {@code Content-Type:
 * application/x-amz-json-1.1}, body {@code {"SecretId": name-or-ARN}}; answer {@code {"ARN", "Name",
 * "SecretString", "VersionId", "VersionStages", "CreatedDate"}}). Errors have the service's shape:
 * {@code 400 {"__type":"ResourceNotFoundException","message":...}} for an unknown secret, 400
 * {@code MissingAuthenticationTokenException} when the request is not SigV4-signed (the signature itself
 * is not verified: any {@code AWS4-HMAC-SHA256} Authorization for the {@code secretsmanager} service
 * passes), 500 {@code InternalServiceError} while {@link #unavailable(boolean)} is on.
 *
 * <p>Point the AWS SDK at it with {@code endpointOverride(URI.create(standIn.baseUrl()))} and static
 * credentials. {@link #put} again with a new value is a rotation: a new VersionId, the old one is gone.
 */
public final class SecretsManagerStandIn extends HttpStandIn {

    public static final String REGION = "ap-south-1";
    public static final String ACCOUNT_ID = "000000000000";
    static final String GET = "secretsmanager.GetSecretValue";
    static final String PUT = "secretsmanager.PutSecretValue";
    private static final ObjectMapper JSON = JsonMappers.standard();

    /** A stored secret; the ARN ends in "-" and six characters, as real secret ARNs do. */
    public record Secret(String name, String arn, String value, String versionId) {
    }

    private final Map<String, Secret> byName = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean unavailable = new AtomicBoolean();

    private SecretsManagerStandIn() {
        super("secretsmanager-stand-in", 64 * 1024);
    }

    /** A new stand-in of its own (tests that count reads or rotate secrets want one each). */
    public static SecretsManagerStandIn start() {
        return new SecretsManagerStandIn();
    }

    /** Creates the secret, or rotates it to a new value (a new VersionId). */
    public Secret put(String name, String value) {
        Secret old = byName.get(name);
        String arn = old != null ? old.arn() : "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT_ID + ":secret:" + name
                + "-" + UUID.randomUUID().toString().substring(0, 6);
        Secret secret = new Secret(name, arn, value, UUID.randomUUID().toString());
        byName.put(name, secret);
        return secret;
    }

    public void delete(String name) {
        byName.remove(name);
    }

    /** While on, every call answers 500 InternalServiceError (an outage, or no route to the endpoint). */
    public void unavailable(boolean on) {
        unavailable.set(on);
    }

    /** GetSecretValue calls that reached the stand-in (answered or not). */
    public int reads() {
        return reads.get();
    }

    @Override
    Reply handle(Call call) throws IOException {
        reads.incrementAndGet();
        if (!"POST".equals(call.method()) || !"/".equals(call.path())) {
            return error(404, "UnknownOperationException", "only POST / is served");
        }
        String authorization = call.header("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")
                || !authorization.contains("/secretsmanager/aws4_request") || call.header("X-Amz-Date") == null) {
            return error(400, "MissingAuthenticationTokenException",
                    "Request is missing Authentication Token (a SigV4 signature for secretsmanager)");
        }
        String target = call.header("X-Amz-Target");
        if (!GET.equals(target) && !PUT.equals(target)) {
            return error(400, "UnknownOperationException", "this stand-in serves " + GET + " and " + PUT + " only");
        }
        if (unavailable.get()) {
            return error(500, "InternalServiceError", "the stand-in is switched to unavailable");
        }
        JsonNode request;
        try {
            request = JSON.readTree(call.body());
        } catch (IOException e) {
            return error(400, "SerializationException", "the body is not JSON");
        }
        String id = request.path("SecretId").asText("");
        Secret secret = byName.get(id);
        if (secret == null) {
            secret = byName.values().stream().filter(s -> s.arn().equals(id)).findFirst().orElse(null);
        }
        if (secret == null) {
            return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        if (PUT.equals(target)) {
            // A rotation as `aws secretsmanager put-secret-value` does it: the new version becomes AWSCURRENT.
            if (!request.hasNonNull("SecretString")) {
                return error(400, "InvalidParameterException", "this stand-in takes SecretString only");
            }
            Secret rotated = put(secret.name(), request.get("SecretString").asText());
            ObjectNode answer = JSON.createObjectNode().put("ARN", rotated.arn()).put("Name", rotated.name())
                    .put("VersionId", rotated.versionId());
            answer.putArray("VersionStages").add("AWSCURRENT");
            return Reply.of(200, "application/x-amz-json-1.1", JSON.writeValueAsString(answer));
        }
        ObjectNode answer = JSON.createObjectNode()
                .put("ARN", secret.arn())
                .put("Name", secret.name())
                .put("SecretString", secret.value())
                .put("VersionId", secret.versionId())
                .put("CreatedDate", System.currentTimeMillis() / 1000.0);
        answer.putArray("VersionStages").add("AWSCURRENT");
        return Reply.of(200, "application/x-amz-json-1.1", JSON.writeValueAsString(answer));
    }

    private static Reply error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
        return Reply.of(status, "application/x-amz-json-1.1", body.toString());
    }
}
