package cn.donghe.rehab.faults;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.TestApp;
import cn.donghe.rehab.support.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger check of the fault and backup scripts fails when it covers fewer accounts than asked for. */
class LedgerCheckTest {
  @Test
  void aCheckOverTooFewAccounts_fails_andOneOverEnoughPasses() throws Exception {
    TestApp.support();
    try (Connection c = TestDatabase.connect()) {
      List<String> none = LedgerCheck.run(c, Long.MAX_VALUE);
      assertFalse(LedgerCheck.passed(none), none.toString());
      assertTrue(none.stream().anyMatch(s -> s.startsWith("TOO_FEW")), none.toString());
      List<String> zero = LedgerCheck.run(c, 0);
      assertTrue(LedgerCheck.passed(zero), zero.toString());
      assertTrue(zero.stream().anyMatch(s -> s.startsWith("OK aid_ledger.account_id -> aid_accounts.balance")), zero.toString());
    }
  }
}
