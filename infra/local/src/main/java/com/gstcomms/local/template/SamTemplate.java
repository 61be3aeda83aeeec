package com.gstcomms.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * template.yaml as the local cloud and the template check see it: the functions with their events,
 * the queues with their redrive policies, the buckets and the HTTP API. References between resources
 * stay logical ids ({@code RenderQueue}); values that depend on where the stack runs are worked out by a
 * {@link Resolver}.
 */
public final class SamTemplate {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TemplateException("no template at " + file.toAbsolutePath());
        }
        return new SamTemplate(file, TemplateYaml.read(file));
    }

    public Path file() {
        return file;
    }

    /** The directory template.yaml is in: CodeUri paths are relative to it. */
    public Path baseDirectory() {
        return file.toAbsolutePath().getParent();
    }

    public Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    public Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> outputs() {
        return map(root.get("Outputs"));
    }

    /** {@code Globals.Function}: defaults every function inherits. */
    public Map<String, Object> functionGlobals() {
        return map(map(root.get("Globals")).get("Function"));
    }

    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, body) -> {
            if (type.equals(map(body).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public String typeOf(String logicalId) {
        Object body = resources().get(logicalId);
        return body == null ? null : (String) map(body).get("Type");
    }

    public Map<String, Object> propertiesOf(String logicalId) {
        return map(map(resources().get(logicalId)).get("Properties"));
    }

    public List<FunctionDefinition> functions() {
        List<FunctionDefinition> functions = new ArrayList<>();
        for (String id : resourcesOfType(FUNCTION)) {
            functions.add(new FunctionDefinition(this, id, propertiesOf(id)));
        }
        return functions;
    }

    public Optional<FunctionDefinition> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    public List<QueueDefinition> queues() {
        List<QueueDefinition> queues = new ArrayList<>();
        for (String id : resourcesOfType(QUEUE)) {
            queues.add(new QueueDefinition(id, propertiesOf(id)));
        }
        return queues;
    }

    public Optional<QueueDefinition> queue(String logicalId) {
        return queues().stream().filter(q -> q.logicalId().equals(logicalId)).findFirst();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        return value == null ? List.of() : List.of(value);
    }

    /** The logical id a {@code !Ref X} or {@code !GetAtt X.Attr} points at, or null for anything else. */
    public static String referencedId(Object value) {
        if (value instanceof Intrinsic(String name, Object argument)) {
            if (name.equals("Ref") && argument instanceof String id) {
                return id;
            }
            if (name.equals("GetAtt")) {
                List<Object> parts = list(argument);
                return parts.isEmpty() ? null : String.valueOf(parts.getFirst());
            }
        }
        return null;
    }
}
