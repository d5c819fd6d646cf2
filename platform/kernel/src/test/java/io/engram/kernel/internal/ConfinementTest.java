package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths of a job spec stay inside the installation: in a temporary installation (bin/, conf/,
 * data/jobs, data/models, examples/), every way out that a spec could take is refused at
 * validation, with the key named, and nothing is written.
 */
class ConfinementTest {

    @TempDir
    Path tmp;

    private Path home;
    private SpecValidator validator;
    private final byte[] script = "#!/bin/sh\necho engram\n".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void install() throws IOException {
        home = Files.createDirectories(tmp.resolve("engram")).toRealPath();
        Files.createDirectories(home.resolve("bin"));
        Files.write(home.resolve("bin/engram"), script);
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/token"), "s3cret-token");
        Files.createDirectories(home.resolve("data/jobs"));
        Files.createDirectories(home.resolve("data/models"));
        Files.writeString(home.resolve("data/train.csv"), "x,y\n1,2\n");
        Files.createDirectories(home.resolve("examples"));
        Files.writeString(home.resolve("examples/sine.csv"), "x,y\n1,2\n");
        validator = new SpecValidator(Fakes.table(), Fakes.config(home.resolve("data/jobs"), 1));
    }

    private Validation<Seq<Problem>, ResolvedSpec> validate(String key, String value) {
        Map<String, String> spec = Fakes.spec();
        spec.put(key, value);
        return validator.validate(spec);
    }

    private List<String> problems(String key, String value) {
        Validation<Seq<Problem>, ResolvedSpec> v = validate(key, value);
        assertTrue(v.isInvalid(), key + "=" + value + " passed");
        return v.getError().map(Problem::toString).toJavaList();
    }

    private String roots() {
        return home.resolve("data") + ", " + home.resolve("examples");
    }

    @Test
    void aCheckpointOutsideTheStoreIsRefusedAndNothingIsWritten() {
        assertEquals(List.of("checkpoint: '/tmp/x.sh' is outside the model store (" + home.resolve("data/models") + ")"),
                problems("checkpoint", "/tmp/x.sh"));
        assertEquals(List.of("checkpoint: '../../bin/engram' is outside the model store ("
                + home.resolve("data/models") + ")"), problems("checkpoint", "../../bin/engram"));
        assertEquals(List.of("checkpoint: 'a/../../x.ckpt' is outside the model store ("
                + home.resolve("data/models") + ")"), problems("checkpoint", "a/../../x.ckpt"));
        String store = home.resolve("data/models").toString();
        assertEquals(List.of("checkpoint: '" + store + "' is outside the model store (" + store + ")"),
                problems("checkpoint", store));
        assertEquals(List.of("checkpoint: 'sub' is a directory"), problemsAfterMkdir("sub"));
    }

    private List<String> problemsAfterMkdir(String dir) {
        try {
            Files.createDirectories(home.resolve("data/models").resolve(dir));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return problems("checkpoint", dir);
    }

    @Test
    void aCheckpointThroughALinkOutOfTheStoreIsRefused() throws IOException {
        Files.createSymbolicLink(home.resolve("data/models/out"), home.resolve("bin"));
        Files.createSymbolicLink(home.resolve("data/models/engram"), home.resolve("bin/engram"));
        String store = home.resolve("data/models").toString();
        assertEquals(List.of("checkpoint: 'out/engram' is outside the model store (" + store
                + ") once links are followed"), problems("checkpoint", "out/engram"));
        assertEquals(List.of("checkpoint: 'out/new/x.ckpt' is outside the model store (" + store
                + ") once links are followed"), problems("checkpoint", "out/new/x.ckpt"));
        assertEquals(List.of("checkpoint: 'engram' is outside the model store (" + store
                + ") once links are followed"), problems("checkpoint", "engram"));
        assertArrayEquals(script, Files.readAllBytes(home.resolve("bin/engram")));
        assertFalse(Files.exists(home.resolve("bin/new")));
    }

    @Test
    void pluginOutputsResolveInsideTheOutputFolderAndNowhereElse() throws IOException {
        Confinement c = validator.confinement();
        Path outputs = home.resolve("data/outputs");
        assertEquals(outputs, c.outputs());
        assertEquals(outputs.resolve("blues.mid"), c.written("data.output", "blues.mid").get());
        assertEquals(outputs.resolve("wav"), c.written("data.audio.dir", outputs.resolve("a/../wav").toString()).get());
        assertEquals("data.output: '../models/x.mid' is outside the output folder (" + outputs + ")",
                c.written("data.output", "../models/x.mid").getError().toString());
        assertEquals("data.output: '" + home.resolve("bin/engram") + "' is outside the output folder (" + outputs + ")",
                c.written("data.output", home.resolve("bin/engram").toString()).getError().toString());
        Files.createDirectories(outputs);
        Files.createSymbolicLink(outputs.resolve("out"), home.resolve("bin"));
        assertEquals("data.output: 'out/engram' is outside the output folder (" + outputs + ") once links are followed",
                c.written("data.output", "out/engram").getError().toString());
        Files.createDirectories(outputs.resolve("wav"));
        assertEquals(outputs.resolve("wav"), c.written("data.audio.dir", "wav").get(), "an existing folder is allowed");
        assertArrayEquals(script, Files.readAllBytes(home.resolve("bin/engram")));
    }

    @Test
    void checkpointsInsideTheStoreResolveAgainstIt() {
        assertEquals(home.resolve("data/models/x.ckpt").toString(), validate("checkpoint", "x.ckpt").get()
                .checkpoint().get());
        assertEquals(home.resolve("data/models/a/x.ckpt").toString(), validate("checkpoint",
                home.resolve("data/models/a/./b/../x.ckpt").toString()).get().checkpoint().get());
        assertFalse(Files.exists(home.resolve("data/models/a")), "validation creates nothing");
    }

    @Test
    void inputsOutsideTheDataRootsAreRefusedBeforeAnythingIsOpened() {
        assertEquals(List.of("data.file: '/etc/passwd' is outside the data roots (" + roots() + ")"),
                problems("data.file", "/etc/passwd"));
        assertEquals(List.of("data.file: 'conf/token' (" + home.resolve("conf/token") + ") is outside the data roots (" + roots() + ")"),
                problems("data.file", "conf/token"));
        assertEquals(List.of("data.file: 'data/../conf/token' (" + home.resolve("conf/token") + ") is outside the data roots (" + roots() + ")"),
                problems("data.file", "data/../conf/token"));
        assertEquals(List.of("data.file: '/dev/zero' is outside the data roots (" + roots() + ")"),
                problems("data.file", "/dev/zero"));
        assertEquals(List.of("data.file: '/nonexistent/x.csv' is outside the data roots (" + roots() + ")"),
                problems("data.file", "/nonexistent/x.csv"));
    }

    @Test
    void aLinkInsideARootThatPointsOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(home.resolve("data/token.csv"), home.resolve("conf/token"));
        Files.createSymbolicLink(home.resolve("data/zero.csv"), Path.of("/dev/zero"));
        Files.createSymbolicLink(home.resolve("data/conf"), home.resolve("conf"));
        assertEquals(List.of("data.file: 'data/token.csv' (" + home.resolve("data/token.csv") + ") is outside the data roots (" + roots() + ")"),
                problems("data.file", "data/token.csv"));
        assertEquals(List.of("data.file: 'data/zero.csv' (" + home.resolve("data/zero.csv") + ") is outside the data roots (" + roots() + ")"),
                problems("data.file", "data/zero.csv"));
        assertEquals(List.of("data.file: 'data/conf/token' (" + home.resolve("data/conf/token") + ") is outside the data roots (" + roots() + ")"),
                problems("data.file", "data/conf/token"));
    }

    @Test
    void anInputMustBeAnExistingRegularFile() {
        assertEquals(List.of("data.file: 'data/missing.csv': no such file (" + home.resolve("data/missing.csv") + ")"),
                problems("data.file", "data/missing.csv"));
        assertEquals(List.of("data.file: 'data/jobs' is not a regular file"), problems("data.file", "data/jobs"));
    }

    @Test
    void relativeInputsResolveAgainstTheSpecFilesDirectoryWhenItIsKnown() {
        Map<String, String> spec = Fakes.spec();
        spec.put("spec.dir", home.resolve("examples").toString());
        spec.put("data.file", "sine.csv");
        assertEquals(home.resolve("examples/sine.csv").toString(), validator.validate(spec).get().data().getString("file"));
        spec.put("data.file", "../data/train.csv");
        assertEquals(home.resolve("data/train.csv").toString(), validator.validate(spec).get().data().getString("file"));
        spec.put("data.file", "data/train.csv");
        assertEquals(List.of("data.file: 'data/train.csv': no such file (" + home.resolve("examples/data/train.csv") + ")"),
                validator.validate(spec).getError().map(Problem::toString).toJavaList());
        spec.put("spec.dir", "relative/dir");
        assertEquals(List.of("spec.dir: expected an absolute directory, got 'relative/dir'"),
                validator.validate(spec).getError().map(Problem::toString).toJavaList());
    }

    @Test
    void theApplicationReceivesTheRealPathOfAnInputInsideARoot() throws IOException {
        assertEquals(home.resolve("data/train.csv").toString(),
                validate("data.file", "data/train.csv").get().data().getString("file"));
        assertEquals(home.resolve("examples/sine.csv").toString(),
                validate("data.file", home.resolve("examples/sine.csv").toString()).get().data().getString("file"));
        Files.createSymbolicLink(home.resolve("data/alias.csv"), home.resolve("examples/sine.csv"));
        assertEquals(home.resolve("examples/sine.csv").toString(),
                validate("data.file", "data/alias.csv").get().data().getString("file"));
        assertEquals("", validator.validate(Fakes.spec()).get().data().getString("file"));
    }

    @Test
    void theJobManagerRefusesTheSameSpecsAndWritesNothing() throws IOException {
        JobManagerComponent m = new JobManagerComponent(Fakes.table(), Fakes.config(home.resolve("data/jobs"), 1),
                new FakeCheckpoints(), List.of(new BundleRef("io.engram.api", "0.2.0")));
        try {
            Map<String, String> spec = Fakes.spec();
            spec.put("checkpoint", "../../bin/engram");
            spec.put("data.file", "conf/token");
            assertEquals(List.of("checkpoint: '../../bin/engram' is outside the model store ("
                            + home.resolve("data/models") + ")",
                    "data.file: 'conf/token' (" + home.resolve("conf/token") + ") is outside the data roots (" + roots() + ")"),
                    m.submit(spec).getError().map(Problem::toString).toJavaList());
            assertEquals(0, m.jobs().size());
            assertArrayEquals(script, Files.readAllBytes(home.resolve("bin/engram")));
        } finally {
            m.deactivate();
        }
    }
}
