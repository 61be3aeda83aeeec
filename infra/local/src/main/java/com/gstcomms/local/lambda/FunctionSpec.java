package com.gstcomms.local.lambda;

import java.nio.file.Path;
import java.util.Map;

/**
 * A function as the local cloud runs it: the template's settings, resolved for this machine.
 *
 * @param name        the template's logical id (also AWS_LAMBDA_FUNCTION_NAME)
 * @param modulePath  the Maven module, e.g. {@code functions/api}
 * @param codeFile    its {@code target/function.zip} (the deployed artifact)
 * @param handler     the java21 runtime handler ({@code QuarkusStreamHandler::handleRequest}, or
 *                    {@code FunqyStreamHandler::handleRequest} for a Funqy module)
 * @param environment the variables the function process gets (Globals + its own + local endpoints)
 */
public record FunctionSpec(String name, String modulePath, Path codeFile, String handler, int timeoutSeconds,
                           int memoryMb, Map<String, String> environment) {

    @Override
    public String toString() {
        // Never the environment: it holds provider keys.
        return name + " (" + modulePath + ")";
    }
}
