package com.gstcomms.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out the value of template expressions for one place the stack runs (here: the local cloud):
 * parameters, conditions, {@code !Ref}, {@code !GetAtt}, {@code !Sub}, {@code !If}, {@code !Join},
 * pseudo parameters and {@code {{resolve:...}}} dynamic references. {@code AWS::NoValue} removes the
 * key or list item it stands in, as in CloudFormation.
 */
public final class Resolver {

    /** Stands for {@code !Ref AWS::NoValue} while resolving. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:([a-z-]+):([^}]*)}}");

    /** What the environment gives the resolver. */
    public interface Environment {
        /** The value of a parameter, a pseudo parameter (AWS::Region) or a resource's Ref value. */
        Object ref(String name);

        /** {@code !GetAtt resource.attribute}. */
        Object attribute(String resource, String attribute);

        /** {@code {{resolve:service:reference}}}, e.g. ("secretsmanager", "arn:SecretString:key"). */
        String dynamicReference(String service, String reference);
    }

    private final SamTemplate template;
    private final Environment environment;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    public Resolver(SamTemplate template, Environment environment) {
        this.template = template;
        this.environment = environment;
    }

    /** The value with every expression worked out; null when it is AWS::NoValue. */
    public Object resolve(Object value) {
        Object resolved = eval(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    public String resolveString(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : stringOf(resolved);
    }

    public Integer resolveInt(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : Integer.valueOf(stringOf(resolved).trim());
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new TemplateException("condition " + name + " is not defined under Conditions");
        }
        boolean value = truth(eval(definition));
        conditions.put(name, value);
        return value;
    }

    private Object eval(Object value) {
        if (value instanceof Intrinsic intrinsic) {
            return evalIntrinsic(intrinsic);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object resolved = eval(v);
                if (resolved != NO_VALUE) {
                    out.put(String.valueOf(k), resolved);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object resolved = eval(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        if (value instanceof String text && text.contains("{{resolve:")) {
            return dynamicReferences(text);
        }
        return value;
    }

    private Object evalIntrinsic(Intrinsic intrinsic) {
        Object arg = intrinsic.argument();
        return switch (intrinsic.name()) {
            case "Ref" -> ref(String.valueOf(arg));
            case "GetAtt" -> {
                List<Object> parts = SamTemplate.list(eval(arg));
                if (parts.size() != 2) {
                    throw new TemplateException("!GetAtt needs Resource.Attribute, got " + arg);
                }
                yield environment.attribute(stringOf(parts.get(0)), stringOf(parts.get(1)));
            }
            case "Sub" -> sub(arg);
            case "If" -> {
                List<Object> parts = SamTemplate.list(arg);
                if (parts.size() != 3) {
                    throw new TemplateException("!If needs [Condition, then, else], got " + arg);
                }
                yield condition(stringOf(parts.get(0))) ? eval(parts.get(1)) : eval(parts.get(2));
            }
            case "Equals" -> {
                List<Object> parts = SamTemplate.list(arg);
                yield Objects.equals(stringOf(eval(parts.get(0))), stringOf(eval(parts.get(1))));
            }
            case "Not" -> !truth(eval(SamTemplate.list(arg).getFirst()));
            case "And" -> SamTemplate.list(arg).stream().allMatch(c -> truth(eval(c)));
            case "Or" -> SamTemplate.list(arg).stream().anyMatch(c -> truth(eval(c)));
            case "Condition" -> condition(String.valueOf(arg));
            case "Join" -> {
                List<Object> parts = SamTemplate.list(arg);
                String delimiter = stringOf(parts.get(0));
                List<String> items = new ArrayList<>();
                for (Object item : SamTemplate.list(eval(parts.get(1)))) {
                    items.add(stringOf(item));
                }
                yield String.join(delimiter, items);
            }
            case "Select" -> {
                List<Object> parts = SamTemplate.list(arg);
                int index = Integer.parseInt(stringOf(eval(parts.get(0))));
                yield SamTemplate.list(eval(parts.get(1))).get(index);
            }
            case "Split" -> {
                List<Object> parts = SamTemplate.list(arg);
                yield List.of(stringOf(eval(parts.get(1))).split(Pattern.quote(stringOf(parts.get(0))), -1));
            }
            case "Base64" -> java.util.Base64.getEncoder().encodeToString(stringOf(eval(arg)).getBytes());
            default -> throw new TemplateException("the local cloud does not evaluate !" + intrinsic.name()
                    + " (" + arg + ")");
        };
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        return environment.ref(name);
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables;
        if (arg instanceof List<?> parts) {
            text = stringOf(parts.get(0));
            variables = SamTemplate.map(parts.size() > 1 ? parts.get(1) : null);
        } else {
            text = stringOf(arg);
            variables = Map.of();
        }
        Function<String, String> lookup = name -> {
            if (variables.containsKey(name)) {
                return stringOf(eval(variables.get(name)));
            }
            int dot = name.indexOf('.');
            if (dot > 0 && !name.startsWith("AWS::")) {
                return stringOf(environment.attribute(name.substring(0, dot), name.substring(dot + 1)));
            }
            return stringOf(ref(name));
        };
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(lookup.apply(matcher.group(1).trim())));
        }
        matcher.appendTail(out);
        // ${!Literal} is written out as ${Literal}
        return dynamicReferences(out.toString().replace("${!", "${"));
    }

    private String dynamicReferences(String text) {
        Matcher matcher = DYNAMIC_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    environment.dynamicReference(matcher.group(1), matcher.group(2))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    static String stringOf(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Resolver::stringOf).toList());
        }
        return value == null ? "" : String.valueOf(value);
    }
}
