package dev.chillproxy.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StoreNameTest {

    @Test
    void theFiveServicesWithTheirCodesAndLabels() {
        assertEquals(List.of("tb", "rd", "ad", "pm", "dl"), Arrays.stream(StoreName.values()).map(StoreName::code).toList());
        assertEquals("Real-Debrid", StoreName.REALDEBRID.label());
    }

    /** The pool holds keys per service: a pool user may use any of them (each with a key of its own service). */
    @Test
    void everyServiceIsPooled() {
        assertEquals(Arrays.asList(StoreName.values()), StoreName.pooledStores());
    }

    @Test
    void findsByCodeOrIdAndNothingElse() {
        assertEquals(Optional.of(StoreName.TORBOX), StoreName.find(" TB "));
        assertEquals(Optional.of(StoreName.DEBRIDLINK), StoreName.find("debridlink"));
        assertEquals(Optional.empty(), StoreName.find("p2p"), "p2p is no debrid service");
        assertEquals(Optional.empty(), StoreName.find(null));
        assertThrows(IllegalArgumentException.class, () -> StoreName.fromCode("xx"));
    }
}
