package com.gstcomms.local.cli;

import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.validation.Validated;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gstcomms gstin GSTIN…}: one line per argument — the GSTIN, {@code valid} or {@code invalid}, and
 * the reason (the state it is registered in, or what is wrong, from shared/core's GstinValidator: state
 * code, PAN shape, entity code, 'Z', Luhn mod 36 check character). Exit 0 only when all are valid.
 */
@Command(name = "gstin", description = "Check GSTINs: one line each (valid/invalid and why); exit 0 only when all "
        + "are valid.")
final class GstinCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "GSTIN", description = "GSTINs to check (15 characters each).")
    List<String> gstins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = gstins.stream().mapToInt(String::length).max().orElse(15);
        boolean allValid = true;
        for (String input : gstins) {
            Validated<Gstin> result = GstinValidator.validate(input);
            String reason;
            if (result instanceof Validated.Valid<Gstin> valid) {
                reason = "registered in " + valid.value().state().withCode();
            } else {
                allValid = false;
                reason = result.rejection().orElse("invalid");
            }
            out.printf("%-" + width + "s  %-7s  %s%n", input, result.isValid() ? "valid" : "invalid", reason);
        }
        out.flush();
        return allValid ? 0 : 1;
    }
}
