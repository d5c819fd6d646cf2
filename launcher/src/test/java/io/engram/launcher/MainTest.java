package io.engram.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void featureReleaseOfOldAndNewVersionStrings() {
        assertEquals(8, Main.feature("1.8"));
        assertEquals(11, Main.feature("11"));
        assertEquals(17, Main.feature("17"));
        assertEquals(21, Main.feature("21.0.2"));
        assertEquals(0, Main.feature("unknown"));
    }
}
