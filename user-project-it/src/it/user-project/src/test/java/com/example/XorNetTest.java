package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Runs under Surefire as the README configures it: a model needs the Vector API flag there too. */
class XorNetTest {

    @Test
    void learnsXor() {
        XorNet net = new XorNet();
        Main.train(net);
        assertEquals(0, Main.wrongAnswers(Main.predictions(net)), "cases of XOR answered wrong");
    }
}
