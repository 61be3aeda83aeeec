package com.gstcomms.local.template;

/**
 * A CloudFormation intrinsic function as written in the template, short form ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub '...'}) or long form ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}).
 * {@code name} is the long name without "Fn::" ({@code Ref}, {@code GetAtt}, {@code Sub}, {@code If} ...).
 */
public record Intrinsic(String name, Object argument) {

    @Override
    public String toString() {
        return "!" + name + " " + argument;
    }
}
