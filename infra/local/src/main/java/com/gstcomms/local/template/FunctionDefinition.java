package com.gstcomms.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function}: its code (a Maven module's {@code target/function.zip}), its
 * settings with the template's Globals applied, and its event sources.
 */
public final class FunctionDefinition {

    private final SamTemplate template;
    private final String logicalId;
    private final Map<String, Object> properties;

    FunctionDefinition(SamTemplate template, String logicalId, Map<String, Object> properties) {
        this.template = template;
        this.logicalId = logicalId;
        this.properties = properties;
    }

    public String logicalId() {
        return logicalId;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** A property of the function, else of Globals.Function (SAM's rule: the function's own wins). */
    public Object property(String name) {
        Object own = properties.get(name);
        return own != null ? own : template.functionGlobals().get(name);
    }

    /** CodeUri as written, e.g. {@code functions/api/target/function.zip}. */
    public String codeUri() {
        Object uri = properties.get("CodeUri");
        return uri == null ? null : String.valueOf(uri);
    }

    /** {@code functions/api/target/function.zip} → {@code <base>/functions/api}: the Maven module. */
    public Path moduleDirectory() {
        String uri = codeUri();
        if (uri == null) {
            return null;
        }
        Path code = template.baseDirectory().resolve(uri).normalize();
        Path dir = code;
        while (dir != null && !dir.getFileName().toString().equals("target")) {
            dir = dir.getParent();
        }
        return dir == null ? code : dir.getParent();
    }

    public Path codeFile() {
        String uri = codeUri();
        return uri == null ? null : template.baseDirectory().resolve(uri).normalize();
    }

    /** The module's path relative to the template, e.g. {@code functions/api}. */
    public String modulePath() {
        Path module = moduleDirectory();
        return module == null ? null : template.baseDirectory().relativize(module).toString();
    }

    /** Environment variables: Globals first, the function's own over them (still unresolved). */
    public Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.putAll(variables(template.functionGlobals()));
        env.putAll(variables(properties));
        return env;
    }

    private static Map<String, Object> variables(Map<String, Object> owner) {
        return SamTemplate.map(SamTemplate.map(owner.get("Environment")).get("Variables"));
    }

    public List<EventDefinition> events() {
        List<EventDefinition> events = new ArrayList<>();
        SamTemplate.map(properties.get("Events")).forEach((name, body) -> {
            Map<String, Object> event = SamTemplate.map(body);
            events.add(new EventDefinition(logicalId, name, String.valueOf(event.get("Type")),
                    SamTemplate.map(event.get("Properties"))));
        });
        return events;
    }

    public List<Object> policies() {
        return SamTemplate.list(properties.get("Policies"));
    }

    @Override
    public String toString() {
        return logicalId;
    }
}
