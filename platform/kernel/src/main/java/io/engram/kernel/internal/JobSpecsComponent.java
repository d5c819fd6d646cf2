package io.engram.kernel.internal;

import io.engram.api.Problem;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.PluginRegistry;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads job specs with {@link SpecReader} and checks them with {@link SpecValidator} against the
 * plugins registered right now. {@link #validate} returns the spec with the top-level defaults
 * ({@code seed}, {@code backend}, {@code dtype}, {@code trainer}) filled in. Stateless and
 * thread-safe. Reads the job manager's settings (PID {@code io.engram.kernel}): the data roots, the
 * model store and the memory share, so that a spec passes here exactly when the job manager accepts it.
 */
@Component(service = JobSpecs.class, configurationPid = "io.engram.kernel",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class JobSpecsComponent implements JobSpecs {

    private final SpecValidator validator;

    @Activate
    public JobSpecsComponent(@Reference(target = RegistryComponent.SELF) PluginRegistry plugins,
                             JobManagerConfiguration config) {
        this.validator = new SpecValidator((PluginDirectory) plugins, config);
    }

    @Override
    public Validation<Seq<Problem>, Map<String, String>> read(Path file) {
        return SpecReader.read(file);
    }

    @Override
    public Validation<Seq<Problem>, Map<String, String>> parse(String text, String format, String origin) {
        return SpecReader.parse(text, format, origin);
    }

    @Override
    public Validation<Seq<Problem>, Map<String, String>> validate(Map<String, String> spec) {
        return validator.validate(spec).map(r -> SpecValidator.withDefaults(spec));
    }
}
