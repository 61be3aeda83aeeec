package com.gstcomms.api.bulk;

import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.config.AwsConfig;
import io.smallrye.config.ConfigMapping;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Starts an export or a bulk status change: invokes the {@code csv-job} function (functions/csv-job)
 * asynchronously (InvocationType=Event, so the API answers at once and Lambda retries a failed run twice)
 * with {@code {"shopId","bulkOperationId"}}; everything else is in the operation's parameters. Without a
 * configured function (local runs) the operation stays PENDING for whoever runs the job.
 */
@ApplicationScoped
public class BulkJobStarter {

    private static final Logger LOG = Logger.getLogger(BulkJobStarter.class);

    @ConfigMapping(prefix = "gstcomms.csv")
    public interface CsvJobConfig {
        /** Name or ARN of the csv-job function (template.yaml: CsvJobFunction). */
        Optional<String> jobFunction();

        /** Lambda API endpoint override (a local Lambda emulator). */
        Optional<URI> lambdaEndpoint();
    }

    private final CsvJobConfig config;
    private final AwsConfig aws;
    private volatile LambdaClient client;

    public BulkJobStarter(CsvJobConfig config, AwsConfig aws) {
        this.config = config;
        this.aws = aws;
    }

    /** True when the job was handed to Lambda; false when no function is configured (left PENDING). */
    public boolean start(long shopId, long bulkOperationId) {
        if (config.jobFunction().isEmpty()) {
            LOG.infof("bulk operation %d of shop %d left PENDING: gstcomms.csv.job-function is not configured",
                    bulkOperationId, shopId);
            return false;
        }
        lambda().invoke(r -> r.functionName(config.jobFunction().get())
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(Json.write(Map.of("shopId", shopId, "bulkOperationId", bulkOperationId)))));
        return true;
    }

    private LambdaClient lambda() {
        LambdaClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    var builder = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create())
                            .region(Region.of(aws.region()))
                            .credentialsProvider(aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()
                                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId().get(),
                                    aws.secretAccessKey().get()))
                                    : DefaultCredentialsProvider.builder().build());
                    config.lambdaEndpoint().ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
