package com.gstcomms.api;

import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real servers every test of this module uses (PostgreSQL, SQS, S3 and the provider stand-ins); one
 * declaration for all test classes, so Quarkus starts the app once.
 */
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false, initArgs =
        @ResourceArg(name = "only", value = "postgres,sqs,s3,sendgrid,twilio"))
@QuarkusTestResource(value = WebhookKeys.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = LambdaInvokeStandIn.class, restrictToAnnotatedClass = false)
public final class LocalCloud {
    private LocalCloud() {
    }
}
