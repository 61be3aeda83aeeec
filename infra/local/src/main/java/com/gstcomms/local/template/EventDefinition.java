package com.gstcomms.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One entry of a function's {@code Events}: its type (SQS, S3, Schedule, HttpApi ...) and properties. */
public record EventDefinition(String functionId, String name, String type, Map<String, Object> properties) {

    public String id() {
        return functionId + "." + name;
    }

    /** SQS: the queue's logical id ({@code Queue: !GetAtt RenderQueue.Arn}). */
    public String queueId() {
        return SamTemplate.referencedId(properties.get("Queue"));
    }

    /** SQS default batch size is 10 (AWS::Serverless::Function SQS event). */
    public Object batchSize() {
        return properties.getOrDefault("BatchSize", 10);
    }

    public int batchingWindowSeconds() {
        Object window = properties.get("MaximumBatchingWindowInSeconds");
        return window == null ? 0 : Integer.parseInt(String.valueOf(window));
    }

    public List<Object> functionResponseTypes() {
        return SamTemplate.list(properties.get("FunctionResponseTypes"));
    }

    public boolean reportsBatchItemFailures() {
        return functionResponseTypes().contains("ReportBatchItemFailures");
    }

    /** SQS {@code ScalingConfig.MaximumConcurrency}, unresolved (it may be a !Ref). */
    public Object maximumConcurrency() {
        return SamTemplate.map(properties.get("ScalingConfig")).get("MaximumConcurrency");
    }

    /** S3: the bucket's logical id ({@code Bucket: !Ref FilesBucket}). */
    public String bucketId() {
        return SamTemplate.referencedId(properties.get("Bucket"));
    }

    public List<Object> s3Events() {
        return SamTemplate.list(properties.get("Events"));
    }

    /** S3 filter rule value ({@code prefix} or {@code suffix}), if any. */
    public Optional<String> s3Filter(String rule) {
        Map<String, Object> key = SamTemplate.map(SamTemplate.map(properties.get("Filter")).get("S3Key"));
        for (Object r : SamTemplate.list(key.get("Rules"))) {
            Map<String, Object> ruleMap = SamTemplate.map(r);
            if (rule.equalsIgnoreCase(String.valueOf(ruleMap.get("Name")))) {
                return Optional.of(String.valueOf(ruleMap.get("Value")));
            }
        }
        return Optional.empty();
    }

    /** Schedule / ScheduleV2: {@code rate(...)} or {@code cron(...)}. */
    public String scheduleExpression() {
        Object expression = properties.containsKey("Schedule") ? properties.get("Schedule")
                : properties.get("ScheduleExpression");
        return expression == null ? null : String.valueOf(expression);
    }

    public boolean scheduleEnabled() {
        Object enabled = properties.get("Enabled");
        Object state = properties.get("State");
        if (state != null) {
            return "ENABLED".equalsIgnoreCase(String.valueOf(state));
        }
        return enabled == null || Boolean.parseBoolean(String.valueOf(enabled));
    }

    /** HttpApi: the route ({@code Method} and {@code Path}); absent means the $default route. */
    public Optional<String> httpPath() {
        return Optional.ofNullable(properties.get("Path")).map(String::valueOf);
    }

    public Optional<String> httpMethod() {
        return Optional.ofNullable(properties.get("Method")).map(String::valueOf);
    }
}
