package banksim.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class InputParserTest {
  private final InputParser parser = new InputParser(50000);

  @TempDir Path dir;

  private BankInput parse(String json) throws InvalidInputException {
    return parser.validate(JsonFile.parse(json));
  }

  private String error(String json) {
    return assertThrows(InvalidInputException.class, () -> parse(json)).getMessage();
  }

  @Test
  void readsBranchesAndCustomersInInputOrder() throws Exception {
    BankInput input =
        parse(
            """
        [{"id": 2, "type": "customer", "events": [{"interface": "deposit", "money": 5},
                                                   {"interface": "query", "branch": 1}]},
         {"id": 2, "type": "branch", "balance": 9223372036854775807},
         {"id": 1, "type": "branch", "balance": 0}]""");

    assertEquals(
        List.of(new BranchSpec(2, Long.MAX_VALUE), new BranchSpec(1, 0)), input.branches());
    assertEquals(
        List.of(
            new CustomerSpec(
                2,
                List.of(
                    new EventSpec(Operation.DEPOSIT, 5, 2, false, 1),
                    new EventSpec(Operation.QUERY, 0, 1, true, 2)))),
        input.customers());
    assertEquals(2, input.eventCount());
  }

  @Test
  void readsRequestIdsAndIgnoresUnknownKeysAndAQuerysMoney() throws Exception {
    BankInput input =
        parse(
            """
        [{"id": 1, "type": "branch", "balance": 3, "name": "main street"},
         {"id": 1, "type": "customer", "note": true, "events": [
           {"id": 17, "interface": "query", "money": "lots", "extra": [1, 2]}]}]""");

    assertEquals(
        List.of(new EventSpec(Operation.QUERY, 0, 1, false, 17)),
        input.customers().get(0).events());
  }

  @Test
  void repeatedCustomerIdsAreCustomersOfTheirOwnInInputOrder() throws Exception {
    BankInput input =
        parse(
            """
        [{"id": 1, "type": "branch", "balance": 0},
         {"id": 1, "type": "customer", "events": [{"interface": "deposit", "money": 5}]},
         {"id": 1, "type": "customer", "events": [{"interface": "withdraw", "money": 3}]}]""");

    assertEquals(
        List.of(
            new CustomerSpec(1, List.of(new EventSpec(Operation.DEPOSIT, 5, 1, false, 1))),
            new CustomerSpec(1, List.of(new EventSpec(Operation.WITHDRAW, 3, 1, false, 2)))),
        input.customers());
  }

  @Test
  void readsTheOlderSpellingsBankClientAndDest() throws Exception {
    BankInput input =
        parse(
            """
        [{"id": 1, "type": "bank", "balance": 0}, {"id": 2, "type": "bank", "balance": 0},
         {"id": 1, "type": "client", "events": [{"interface": "query", "dest": 2},
                                                 {"interface": "query", "dest": 2, "branch": 2}]}]""");

    assertEquals(List.of(new BranchSpec(1, 0), new BranchSpec(2, 0)), input.branches());
    assertEquals(
        List.of(
            new EventSpec(Operation.QUERY, 0, 2, true, 1),
            new EventSpec(Operation.QUERY, 0, 2, true, 2)),
        input.customers().get(0).events());
    assertTrue(input.routed());
  }

  @Test
  void routingKeysThatDisagreeAreInvalidAndDestIsChecked() {
    String branches = "[{\"id\": 1, \"type\": \"branch\", \"balance\": 0}, ";

    assertEquals(
        "$[1].events[0]: \"branch\": 1 and \"dest\": 2 route the event to different"
            + " branches; keep one",
        error(
            branches
                + """
        {"id": 1, "type": "customer", "events": [{"interface": "query", "branch": 1, "dest": 2}]}]"""));
    assertEquals(
        "$[1].events[0].dest: must be an integer from 1 to 2147483647, got 2.0",
        error(
            branches
                + """
        {"id": 1, "type": "customer", "events": [{"interface": "query", "branch": 1, "dest": 2.0}]}]"""));
    assertEquals(
        "$[1].events[0].dest: there is no branch 7 in the input",
        error(
            branches
                + """
        {"id": 1, "type": "customer", "events": [{"interface": "query", "dest": 7}]}]"""));
    assertEquals(
        "$[1].events[0].dest: must be an integer from 1 to 2147483647, got \"2\"",
        error(
            branches
                + """
        {"id": 1, "type": "customer", "events": [{"interface": "query", "dest": "2"}]}]"""));
  }

  @Test
  void readsProjectTwoCustomerRequests() throws Exception {
    BankInput input =
        parse(
            """
        [{"id": 1, "type": "branch", "balance": 400},
         {"id": 1, "type": "customer", "customer-requests": [
           {"customer-request-id": 1, "interface": "deposit", "money": 10}]}]""");

    assertEquals(
        List.of(new EventSpec(Operation.DEPOSIT, 10, 1, false, 1)),
        input.customers().get(0).events());
    assertTrue(input.projectTwo());
    assertFalse(input.routed());
    assertEquals(
        "$[1].customer-requests[0].money: must be an integer from 0 to 2147483647, got -1",
        error(
            """
        [{"id": 1, "type": "branch", "balance": 400},
         {"id": 1, "type": "customer", "customer-requests": [{"interface": "deposit", "money": -1}]}]"""));
    assertEquals(
        "$[1].customer-requests[0].customer-request-id: must be an integer from 0 to"
            + " 9223372036854775807, got \"7\"",
        error(
            """
            [{"id": 1, "type": "branch", "balance": 400},
             {"id": 1, "type": "customer", "customer-requests": [
               {"customer-request-id": "7", "interface": "query"}]}]"""));
    assertEquals(
        "$[1]: has both \"events\" and \"customer-requests\"; a customer has one list of"
            + " events, under either key",
        error(
            """
        [{"id": 1, "type": "branch", "balance": 400},
         {"id": 1, "type": "customer", "events": [], "customer-requests": []}]"""));
  }

  @Test
  void acceptsCrlfAndAByteOrderMark() throws Exception {
    Path file = dir.resolve("in.json");
    Files.write(
        file,
        "\uFEFF[\r\n {\"id\": 1, \"type\": \"branch\", \"balance\": 1}\r\n]\r\n"
            .getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of(new BranchSpec(1, 1)), parser.parse(file).branches());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      1e2    | got 1e2
      10.0   | got 10.0
      true   | got true
      null   | got null
      "5"    | got "5"
      -1     | got -1
      [5]    | got [5]
      """)
  void moneyMustBeAPlainInteger(String money, String shown) {
    assertEquals(
        "$[1].events[0].money: must be an integer from 0 to 2147483647, " + shown,
        error(
            "[{\"id\": 1, \"type\": \"branch\", \"balance\": 1},"
                + " {\"id\": 1, \"type\": \"customer\", \"events\": [{\"interface\": \"withdraw\","
                + " \"money\": "
                + money
                + "}]}]"));
  }

  @Test
  void branchIdsAreBoundedByTheBasePort() throws Exception {
    String input = "[{\"id\": 1000, \"type\": \"branch\", \"balance\": 1}]";

    assertEquals(1, new InputParser(64535).validate(JsonFile.parse(input)).branches().size());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new InputParser(64536).validate(JsonFile.parse(input)));
    assertEquals(
        "$[0].id: must be an integer from 1 to 999 (the branch listens on --base-port"
            + " 64536 + id, at most port 65535), got 1000",
        e.getMessage());
  }

  @Test
  void customerIdsMayBeLargerThanBranchIds() throws Exception {
    BankInput input =
        parse(
            """
        [{"id": 1, "type": "branch", "balance": 1},
         {"id": 2147483647, "type": "customer", "events": [{"interface": "query", "branch": 1}]}]""");

    assertEquals(2147483647, input.customers().get(0).id());
  }

  @Test
  void aCustomerWithoutEventsNeedsNoBranchOfItsId() throws Exception {
    assertEquals(
        1,
        parse(
                """
        [{"id": 1, "type": "branch", "balance": 1}, {"id": 5, "type": "customer", "events": []}]""")
            .customers()
            .size());
  }

  @Test
  void longValuesAreShortenedInMessages() {
    String message =
        error(
            "[{\"id\": 1, \"type\": \"branch\", \"balance\": 1}, {\"id\": 1,"
                + " \"type\": \"customer\", \"events\": \""
                + "x".repeat(500)
                + "\"}]");

    assertEquals("$[1].events: must be a list of events, got \"" + "x".repeat(56) + "...", message);
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertEquals("invalid JSON at line 2 column 3: expected ',' or '}'", error("[{\"id\": 1\n  ]"));
    assertEquals("invalid JSON at line 1 column 4: expected ',' or ']'", error("[1 2]"));
    assertEquals("invalid JSON at line 1 column 6: expected ':'", error("{\"a\" 1}"));
    assertEquals("invalid JSON at line 1 column 4: unexpected ']'", error("[1,]"));
    assertEquals("invalid JSON at line 1 column 4: unexpected ','", error("[1,,2]"));
    assertEquals("invalid JSON at line 1 column 2: unexpected character '@'", error("[@]"));
    assertEquals("invalid JSON at line 1 column 4: unexpected character '@'", error("[1,@]"));
    assertEquals(
        "invalid JSON at line 1 column 2: unexpected control character U+001B", error("[\u001b]"));
    assertEquals(
        "invalid JSON at line 3 column 1: the file ends before the JSON value is complete",
        error("[{\"id\": 1},\n {\"id\": 2}\n"));
    assertEquals(
        "invalid JSON: more text after the value that ends at line 1 column 43; a file"
            + " holds one JSON value",
        error("[{\"id\": 1, \"type\": \"branch\", \"balance\": 1}] x"));
  }

  @Test
  void wordsAndUnreadableNumbersPointAtTheirFirstCharacter() {
    assertEquals(
        "invalid JSON at line 1 column 2: unexpected word; strings must be in double"
            + " quotes, literals are true, false and null",
        error("[tru]"));
    assertEquals(
        "invalid JSON at line 1 column 2: a number JSON does not allow (a leading zero, or a"
            + " sign or a point without digits)",
        error("[01]"));
  }

  @Test
  void aNumberTooLongToReadIsNamedAsSuchNotAsInvalidJson() {
    assertEquals(
        "$[0].balance (line 2 column 42): a number of 5,000 characters; no value here has"
            + " more than 20 (the largest integer is 9223372036854775807)",
        error("[\n  {\"id\": 1, \"type\": \"branch\", \"balance\": " + "9".repeat(5000) + "}]"));
  }

  @Test
  void commentsAndSingleQuotesAreNotJson() {
    assertEquals(
        "invalid JSON at line 2 column 2: comments are not allowed in JSON", error("[\n // hi\n]"));
    assertEquals(
        "invalid JSON at line 1 column 3: strings must be in double quotes", error("[{'id': 1}]"));
  }

  @Test
  void fileProblemsSayWhatIsWrong() throws Exception {
    Path notUtf8 = Files.write(dir.resolve("latin1.json"), new byte[] {'[', (byte) 0xE9, ']'});

    assertEquals(
        "no such file",
        assertThrows(InvalidInputException.class, () -> parser.parse(dir.resolve("nope.json")))
            .getMessage());
    assertEquals(
        "is a directory, not a file",
        assertThrows(InvalidInputException.class, () -> parser.parse(dir)).getMessage());
    assertEquals(
        "not UTF-8 text; save the file as UTF-8",
        assertThrows(InvalidInputException.class, () -> parser.parse(notUtf8)).getMessage());
  }
}
