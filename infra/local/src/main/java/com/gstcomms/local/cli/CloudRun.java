package com.gstcomms.local.cli;

import com.gstcomms.local.cloud.LocalCloud;
import com.gstcomms.local.cloud.LocalCloudOptions;
import com.gstcomms.local.lambda.LocalFunction;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;

/** Starting, reporting and stopping the local cloud from the command line. */
final class CloudRun {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final PrintStream OUT = System.out;

    private CloudRun() {
    }

    static void log(String line) {
        OUT.println("[" + LocalTime.now().format(CLOCK) + "] " + line);
    }

    static LocalCloud start(LocalCloudOptions options) {
        log("starting the local cloud from " + options.projectRoot().resolve("template.yaml"));
        LocalCloud cloud = LocalCloud.start(options, CloudRun::log);
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "local-cloud-stop"));
        return cloud;
    }

    static void printWhereToLook(LocalCloud cloud) {
        OUT.println();
        OUT.println("  API        " + cloud.apiUrl() + "   (X-Api-Key below; e.g. curl -H 'X-Api-Key: …' "
                + cloud.apiUrl() + "/v1/settings/shop)");
        OUT.println("  Pages      " + cloud.apiUrl() + "/ui/sign-in   (Notification Center and Bulk Operations; sign in "
                + "with the API key below)");
        OUT.println("  Console    " + cloud.consoleUrl() + "   (functions, queues, bulk jobs, captured mail and WhatsApp)");
        OUT.println("  Shop       " + cloud.shop().domain() + " (supplier in Maharashtra, GSTIN 27AAPFU0939F1ZV)");
        OUT.println("  API key    " + cloud.shop().apiKey() + (cloud.shop().keyWasGenerated()
                ? "   (random; pass --api-key KEY to choose one)" : ""));
        OUT.println("  Mail       captured by GreenMail (SMTP) and the SendGrid stand-in: " + cloud.consoleUrl() + "#emails");
        OUT.println("  WhatsApp   captured by the Twilio stand-in: " + cloud.consoleUrl() + "#whatsapps");
        OUT.println("  Logs       " + cloud.logDirectory() + "/<Function>.log");
        OUT.println();
        for (LocalFunction function : cloud.functions()) {
            OUT.printf("  %-24s %-22s %s%n", function.name(), function.spec().modulePath(),
                    function.built() ? function.state() : "not built (./mvnw -pl " + function.spec().modulePath()
                            + " -am package -DskipTests)");
        }
        OUT.println();
        OUT.println("Ctrl-C stops everything.");
    }

    static void waitForCtrlC(LocalCloud cloud) throws InterruptedException {
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
        forever.await();
    }
}
