package io.missync.wonde;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedBodyTest extends HttpTestSupport {
  @RegisterExtension static WireMockExtension wm = server();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"data\":[{\"id\":\"A1\",\"surname\":\"Privatename | $",
        "<html>Privatename gateway</html> | $",
        "[{\"id\":\"Privatename\"}] | $",
        "{\"data\":{\"id\":\"Privatename\"}} | data",
        "{\"data\":[{\"id\":\"A1\"},\"Privatename\"]} | data[1]",
        "{\"data\":[],\"meta\":\"Privatename\"} | meta",
        "{\"data\":[],\"meta\":{\"pagination\":[\"Privatename\"]}} | meta.pagination",
        "{\"data\":[],\"meta\":{\"pagination\":{\"more\":\"Privatename\"}}} | meta.pagination.more",
        "{\"data\":[],\"meta\":{\"pagination\":{\"next\":\"http://a b/Privatename\"}}} | meta.pagination.next",
        "'' | $"
      })
  void malformedBodiesGiveTypedErrorsWithoutContent(String body, String path) {
    wm.stubFor(get(urlPathEqualTo(studentsPath())).willReturn(okJson(body)));
    WondeDecodeException e =
        assertThrows(
            WondeDecodeException.class, () -> client(wm).school(SCHOOL).students().firstPage());
    assertEquals(path, e.fieldPath());
    assertFalse(e.getMessage().contains("Privatename"), e.getMessage());
    assertNull(e.getCause(), "parser causes may quote content");
  }

  @ParameterizedTest
  @CsvSource({"{\"data\":[{\"id\":\"A1\"}]", "{\"data\":[{\"id\":\"A1\"}]}garbage"})
  void truncatedOrTrailingAsync(String body) {
    wm.stubFor(
        get(urlPathEqualTo(studentsPath())).willReturn(aResponse().withStatus(200).withBody(body)));
    java.util.concurrent.CompletionException e =
        assertThrows(
            java.util.concurrent.CompletionException.class,
            () -> client(wm).school(SCHOOL).students().firstPageAsync().join());
    assertEquals(WondeDecodeException.class, e.getCause().getClass());
  }
}
