package com.gstcomms.runtime.config;

import com.gstcomms.core.message.Commands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeRegistrationsTest {
    @Test
    void registersEveryCommandTypeForReflectionInNativeImages() {
        Class<?>[] registered = NativeRegistrations.class.getAnnotation(RegisterForReflection.class).targets();
        assertThat(registered).containsExactlyInAnyOrderElementsOf(Commands.REFLECTION_CLASSES);
    }
}
