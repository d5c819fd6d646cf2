package io.engram.http.internal;

import io.engram.api.HyperParameter;
import io.engram.api.Schema;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import java.util.List;
import java.util.Set;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Activator of the test-only bundle that {@code HttpApiFakeKernelIT} assembles from the
 * {@code Fake*} test classes: it registers the fake kernel services, with one family {@code lstm}.
 */
public final class FakeKernelActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Schema schema = Schema.of(HyperParameter.integer("hidden", 32, 1, 4096, "Units in the cell state."));
        context.registerService(PluginRegistry.class, new FakePluginRegistry(List.of(
                new PluginInfo("lstm", PluginKind.FAMILY, "1.0.0", "io.engram.family.lstm", 1,
                        Set.of("differentiable"), true, "", "Long short-term memory", schema))), null);
        context.registerService(JobManager.class, new FakeJobManager(), null);
        context.registerService(JobSpecs.class, new FakeJobSpecs(), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
