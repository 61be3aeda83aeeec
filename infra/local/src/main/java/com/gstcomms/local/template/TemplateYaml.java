package com.gstcomms.local.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation/SAM template with SnakeYAML, turning the short-form intrinsic tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, {@code !If}, ...) and their long forms into {@link Intrinsic}s.
 * A plain YAML reader would refuse the tags; a generic one would lose which function was meant.
 */
final class TemplateYaml {

    private static final List<String> FUNCTIONS = List.of("Ref", "GetAtt", "Sub", "If", "Equals", "Not", "And", "Or",
            "Join", "Select", "Split", "FindInMap", "GetAZs", "ImportValue", "Base64", "Condition", "Cidr", "Length",
            "ToJsonString");

    private TemplateYaml() {
    }

    static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new IntrinsicConstructor()).load(reader);
            if (!(root instanceof Map<?, ?> map)) {
                throw new TemplateException(file + " is not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> top = (Map<String, Object>) longForms(map);
            return top;
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new TemplateException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** {@code {Ref: X}} and {@code {Fn::Name: arg}} become Intrinsics too, recursively. */
    private static Object longForms(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object arg = map.values().iterator().next();
                if (key.equals("Ref")) {
                    return new Intrinsic("Ref", longForms(arg));
                }
                if (key.startsWith("Fn::") && FUNCTIONS.contains(key.substring(4))) {
                    return new Intrinsic(key.substring(4), longForms(arg));
                }
                if (key.equals("Condition") && arg instanceof String) {
                    // {Condition: Name} inside Fn::And/Or/Not; a resource's Condition key is a sibling of
                    // Type/Properties, never alone, so it is not taken for this.
                    return new Intrinsic("Condition", arg);
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), longForms(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TemplateYaml::longForms).toList();
        }
        if (value instanceof Intrinsic intrinsic) {
            return new Intrinsic(intrinsic.name(), longForms(intrinsic.argument()));
        }
        return value;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String function : FUNCTIONS) {
                String tag = "!" + function;
                this.yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object argument;
                        if (node instanceof ScalarNode scalar) {
                            argument = constructScalar(scalar);
                            if (function.equals("GetAtt")) {
                                // !GetAtt Resource.Attribute (the attribute may itself contain dots)
                                String text = (String) argument;
                                int dot = text.indexOf('.');
                                argument = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                            }
                        } else if (node instanceof SequenceNode sequence) {
                            argument = constructSequence(sequence);
                        } else {
                            argument = constructMapping((MappingNode) node);
                        }
                        return new Intrinsic(function, argument);
                    }
                });
            }
        }
    }
}
