package com.gstcomms.local.cloud;

import com.gstcomms.local.template.Resolver;
import com.gstcomms.local.template.SamTemplate;
import com.gstcomms.local.template.TemplateException;

import java.util.List;
import java.util.Map;

/**
 * The values template.yaml's expressions take on the local cloud: parameters (local database URLs, the
 * JVM runtime, the local API URL), pseudo parameters (region ap-south-1, account 000000000000), the
 * resources the local cloud created (queue URLs and ARNs, the bucket) and the secrets the template reads
 * from Secrets Manager (the stand-ins' keys).
 */
final class LocalEnvironment implements Resolver.Environment {

    static final String ACCOUNT_ID = "000000000000";
    static final String STACK = "gst-comms-local";

    private final SamTemplate template;
    private final String region;
    private final Map<String, Object> parameters;
    private final Map<String, String> secrets;
    private final Map<String, Object> resourceRefs;
    private final Map<String, Map<String, Object>> attributes;

    /**
     * @param parameters   local values of the template's parameters (the rest take their Default)
     * @param secrets      Secrets Manager JSON keys of deploy-time references → local values (username, password)
     * @param resourceRefs {@code !Ref} value of each resource the local cloud made (queue URL, bucket name)
     * @param attributes   {@code !GetAtt} values: resource → attribute → value
     */
    LocalEnvironment(SamTemplate template, String region, Map<String, Object> parameters, Map<String, String> secrets,
                     Map<String, Object> resourceRefs, Map<String, Map<String, Object>> attributes) {
        this.template = template;
        this.region = region;
        this.parameters = parameters;
        this.secrets = secrets;
        this.resourceRefs = resourceRefs;
        this.attributes = attributes;
    }

    @Override
    public Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::StackName":
                return STACK;
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + region + ":" + ACCOUNT_ID + ":stack/" + STACK + "/local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NotificationARNs":
                return List.of();
            default:
                break;
        }
        if (template.parameters().containsKey(name)) {
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            Object definition = template.parameters().get(name);
            Object value = definition instanceof Map<?, ?> map ? map.get("Default") : null;
            if (value == null) {
                throw new TemplateException("parameter " + name + " has no Default and the local cloud has no "
                        + "value for it (add one in LocalCloud.localParameters)");
            }
            return value;
        }
        if (resourceRefs.containsKey(name)) {
            return resourceRefs.get(name);
        }
        if (template.resources().containsKey(name)) {
            return name;   // resources the local cloud has no stand-in for (KMS key, HttpApi) are named by their id
        }
        throw new TemplateException("!Ref " + name + ": no such parameter or resource in " + template.file());
    }

    @Override
    public Object attribute(String resource, String attribute) {
        Map<String, Object> known = attributes.get(resource);
        if (known != null && known.containsKey(attribute)) {
            return known.get(attribute);
        }
        String type = template.typeOf(resource);
        if (type == null) {
            throw new TemplateException("!GetAtt " + resource + "." + attribute + ": no such resource");
        }
        if (attribute.equals("Arn")) {
            String service = type.split("::")[1].toLowerCase();
            return "arn:aws:" + service + ":" + region + ":" + ACCOUNT_ID + ":" + resource;
        }
        return resource + "." + attribute;
    }

    @Override
    public String dynamicReference(String service, String reference) {
        if (service.equals("secretsmanager")) {
            // secret-id:SecretString:json-key[:version-stage:version-id]
            String[] parts = reference.split(":SecretString:");
            if (parts.length == 2) {
                String key = parts[1].split(":")[0];
                String value = secrets.get(key);
                if (value != null) {
                    return value;
                }
                throw new TemplateException("{{resolve:secretsmanager:..." + key + "}}: the local cloud has no "
                        + "value for secret key '" + key + "' (add one in LocalCloud.localSecrets)");
            }
        }
        if (service.equals("ssm") || service.equals("ssm-secure")) {
            String name = reference.split(":")[0];
            String value = secrets.get(name);
            if (value != null) {
                return value;
            }
        }
        throw new TemplateException("{{resolve:" + service + ":" + reference + "}}: not available locally");
    }
}
