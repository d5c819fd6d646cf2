package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

    private static final Map<String, String> EXPECTED = Map.of(
            "seed", "7",
            "model.family", "lstm;version=[1.2,2)",
            "model.hidden", "32",
            "trainer", "bptt",
            "trainer.lr", "0.01",
            "data.app", "grammar",
            "checkpoint", "models/a.ckpt");

    @Test
    void propertiesYamlAndJsonReadToTheSameFlatMap() {
        String props = "seed = 7\nmodel.family = lstm;version=[1.2,2)\nmodel.hidden: 32\ntrainer=bptt\n"
                + "trainer.lr=0.01\n# comment\ndata.app=grammar\ncheckpoint=models/a.ckpt\n";
        String yaml = "seed: 7\nmodel:\n  family: \"lstm;version=[1.2,2)\"\n  hidden: 32\ntrainer: bptt\n"
                + "trainer.lr: 0.01\ndata:\n  app: grammar\ncheckpoint: models/a.ckpt\n";
        String json = "{\"seed\": 7, \"model\": {\"family\": \"lstm;version=[1.2,2)\", \"hidden\": 32},"
                + " \"trainer\": \"bptt\", \"trainer.lr\": 0.01, \"data\": {\"app\": \"grammar\"},"
                + " \"checkpoint\": \"models/a.ckpt\"}";
        assertEquals(EXPECTED, SpecReader.parse(props, "properties", "a.properties").get());
        assertEquals(EXPECTED, SpecReader.parse(yaml, "yaml", "a.yaml").get());
        assertEquals(EXPECTED, SpecReader.parse(json, "json", "a.json").get());
    }

    @Test
    void valuesAreTakenRawWithoutInterpolationAndListsJoined() {
        Map<String, String> p = SpecReader.parse("a=${b}\nb=1\n", "properties", "x").get();
        assertEquals("${b}", p.get("a"));
        Map<String, String> y = SpecReader.parse("model:\n  layers: [8, 16]\n", "yaml", "y").get();
        assertEquals("8,16", y.get("model.layers"));
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() {
        Validation<Seq<Problem>, Map<String, String>> v =
                SpecReader.parse("seed: 1\nmodel:\n  family: lstm\n   hidden: [1, 2\n", "yaml", "job.yaml");
        assertTrue(v.isInvalid());
        assertEquals(1, v.getError().size());
        Problem p = v.getError().head();
        assertTrue(p.where().matches("job\\.yaml:[34]"), p.toString());
        assertTrue(p.message().startsWith("YAML syntax error"), p.toString());
    }

    @Test
    void jsonSyntaxErrorNamesFileAndLine() {
        Validation<Seq<Problem>, Map<String, String>> v =
                SpecReader.parse("{\n  \"seed\": 1,\n  \"model\": {\"family\" \"lstm\"}\n}\n", "json", "job.json");
        assertTrue(v.isInvalid());
        Problem p = v.getError().head();
        assertEquals("job.json:3", p.where(), p.toString());
        assertTrue(p.message().startsWith("JSON syntax error at column"), p.toString());
    }

    @Test
    void propertiesKeyGivenTwiceNamesBothLines() {
        Validation<Seq<Problem>, Map<String, String>> v =
                SpecReader.parse("seed=1\nmodel.family=lstm\n\nseed=2\n", "properties", "job.properties");
        assertTrue(v.isInvalid());
        assertEquals("job.properties:4: key 'seed' is given twice (first at line 1)", v.getError().head().toString());
    }

    @Test
    void propertiesMayNotIncludeOtherFiles(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.properties");
        Files.writeString(other, "secret.key=1\n");
        Validation<Seq<Problem>, Map<String, String>> v =
                SpecReader.parse("seed=1\ninclude=" + other + "\n", "properties", "job.properties");
        assertEquals("job.properties:2: 'include' is not allowed: a job spec is one file",
                v.getError().head().toString());
    }

    @Test
    void readChoosesTheFormatByExtensionAndDefaultsTheName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grammar-lstm.yml");
        Files.writeString(file, "seed: 3\n");
        assertEquals(Map.of("job.name", "grammar-lstm", "seed", "3", "spec.dir", dir.toAbsolutePath().toString()),
                SpecReader.read(file).get());

        Path named = dir.resolve("b.json");
        Files.writeString(named, "{\"job\": {\"name\": \"mine\"}}");
        assertEquals(Map.of("job.name", "mine", "spec.dir", dir.toAbsolutePath().toString()), SpecReader.read(named).get());
    }

    @Test
    void aSpecFileMayNotSetItsOwnDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.properties");
        Files.writeString(file, "seed=3\nspec.dir=/etc\n");
        assertEquals(List.of(file + ": spec.dir is set from the spec file's location (" + dir.toAbsolutePath()
                + ") and cannot be given in the file"), SpecReader.read(file).getError().map(Object::toString).toJavaList());
    }

    @Test
    void readReportsMissingFilesAndUnknownExtensions(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertEquals(missing + ": no such file", SpecReader.read(missing).getError().head().toString());
        Path txt = dir.resolve("spec.txt");
        assertTrue(SpecReader.read(txt).getError().head().message().startsWith("unknown spec format"));
    }

    @Test
    void aYamlDocumentThatIsNotAMappingIsRejected() {
        Validation<Seq<Problem>, Map<String, String>> v = SpecReader.parse("- a\n- b\n", "yaml", "list.yaml");
        assertTrue(v.isInvalid());
        assertEquals("list.yaml", v.getError().head().where().replaceAll(":\\d+$", ""));
    }
}
