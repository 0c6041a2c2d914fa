package cn.donghe.rehab.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.support.Api;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
  private static JsonNode json(String s) throws Exception { return Api.JSON.readTree(s.replace('\'', '"')); }

  @Test
  void equalTrees_haveNoChanges() throws Exception {
    assertTrue(JsonDiff.diff(json("{'a':[1,{'b':2}]}"), json("{'a':[1,{'b':2}]}")).isEmpty());
  }

  @Test
  void changedAddedAndRemovedValues_areReportedByPath() throws Exception {
    List<PlanRevision.Change> changes = JsonDiff.diff(
        json("{'goals':['a','b'],'interventions':[{'n':1,'x':'h'}],'gone':true}"),
        json("{'goals':['a','c','d'],'interventions':[{'n':2}],'added':5}"));
    assertEquals(List.of("goals[1]", "goals[2]", "interventions[0].n", "interventions[0].x", "gone", "added"),
        changes.stream().map(PlanRevision.Change::path).toList());
    assertEquals("b", changes.get(0).before().asText());
    assertEquals("c", changes.get(0).after().asText());
    assertEquals(null, changes.get(1).before());
    assertEquals(null, changes.get(3).after());
    assertEquals(5, changes.get(5).after().asInt());
  }

  @Test
  void typeChange_isOneChangeAtThatPath() throws Exception {
    List<PlanRevision.Change> changes = JsonDiff.diff(json("{'a':[1]}"), json("{'a':{'b':1}}"));
    assertEquals(1, changes.size());
    assertEquals("a", changes.get(0).path());
  }

  @Test
  void ifMatch_readsQuotedAndBareRevisions_refusesMissingAndStar() {
    assertEquals(Set.of(3), IfMatch.revisions("\"3\""));
    assertEquals(Set.of(3, 4), IfMatch.revisions("\"3\", 4"));
    assertEquals(Set.of(), IfMatch.revisions("W/\"3\""));
    assertEquals(Set.of(), IfMatch.revisions("\"abc\""));
    assertEquals(428, assertThrows(ApiException.class, () -> IfMatch.revisions(null)).status());
    assertEquals(428, assertThrows(ApiException.class, () -> IfMatch.revisions(" ")).status());
    assertEquals(428, assertThrows(ApiException.class, () -> IfMatch.revisions("*")).status());
  }
}
