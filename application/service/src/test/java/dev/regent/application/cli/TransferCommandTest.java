package dev.regent.application.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static org.assertj.core.api.Assertions.assertThat;

class TransferCommandTest {

    private static final String TRANSFERRED = """
            {"aggregateId":"c-1","aggregateType":"CustomerIdentity","fromRegion":"eu","toRegion":"apac","epoch":2,
             "fromSequence":5,"eventsCopied":6,"mode":"PLANNED"}""";

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenATransfer_whenItIsDone_thenWhatWasDoneIsARow_andTheRequestCarriesTheOperatorsWords() throws Exception {
        region.answer("POST", "/ownership/c-1/transfer", 200, TRANSFERRED);

        CliRun transfer = regent("transfer", "c-1", "--to=apac", "--reason=relocated to Singapore",
                "--url=" + region.url());

        assertThat(transfer.exitCode()).isZero();
        assertThat(transfer.out()).isEqualToNormalizingNewlines("""
                AGGREGATE  TYPE              FROM  TO    EPOCH  FROM SEQUENCE  EVENTS COPIED  MODE
                ---------  ----------------  ----  ----  -----  -------------  -------------  -------
                c-1        CustomerIdentity  eu    apac      2              5              6  PLANNED
                """);
        assertThat(new ObjectMapper().readTree(region.requests().get(0).body())).isEqualTo(new ObjectMapper()
                .readTree("{\"toRegion\":\"apac\",\"reason\":\"relocated to Singapore\",\"force\":false}"));
    }

    @Test
    void givenARefusal_whenTransferring_thenTheRegionsReasonIsPrinted_andItExits2() {
        region.answer("POST", "/ownership/c-1/transfer", 409, """
                {"title":"Transfer refused","status":409,"detail":"c-1 is already owned by apac (epoch 2)"}""");

        CliRun transfer = regent("transfer", "c-1", "--to=apac", "--reason=again", "--force",
                "--url=" + region.url());

        assertThat(transfer.exitCode()).isEqualTo(2);
        assertThat(transfer.err()).contains("Transfer refused (409): c-1 is already owned by apac (epoch 2)");
    }

    @Test
    void givenAToken_thenEveryRequestCarriesItAsABearer_andARefusedTokenSaysHowToGiveOne() {
        region.answer("POST", "/ownership/c-1/transfer", 401, """
                {"title":"Authentication required","status":401,"detail":"The bearer token was refused: expired"}""");

        CliRun transfer = regent("transfer", "c-1", "--to=apac", "--reason=x", "--token=t-42",
                "--url=" + region.url());

        assertThat(region.requests().get(0).authorization()).isEqualTo("Bearer t-42");
        assertThat(transfer.exitCode()).isEqualTo(2);
        assertThat(transfer.err()).contains("Authentication required (401): The bearer token was refused: expired")
                .contains("REGENT_TOKEN");
    }

    @Test
    void withoutATargetRegion_itSaysWhatIsMissing() {
        CliRun transfer = regent("transfer", "c-1", "--reason=x", "--url=" + region.url());

        assertThat(transfer.exitCode()).isEqualTo(2);
        assertThat(transfer.err()).contains("--to");
    }
}
