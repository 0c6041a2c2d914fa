package cn.donghe.rehab.demo;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The district of the seed plan, 东河区 (150202), with its real 12 sub-districts and 2 towns and a
 * few communities (社区) or villages (村) each. The 12-digit codes are SYNTHETIC but in the
 * statistical format: 150202 + 3-digit town (001-012 sub-districts, 100-101 towns) + 3-digit
 * community (001-199 communities, 201-399 villages).
 */
final class DemoRegions {
  private DemoRegions() {}

  record Town(String code3, String name, List<String> communities) {}

  static final List<Town> TOWNS = List.of(
      new Town("001", "和平路街道", List.of("和平社区", "新华社区", "兴胜社区", "民主路社区")),
      new Town("002", "财神庙街道", List.of("财神庙社区", "东门大街社区", "东梁社区")),
      new Town("003", "西脑包街道", List.of("西脑包社区", "新民社区", "民乐社区", "西北门社区")),
      new Town("004", "南门外街道", List.of("南门外社区", "南龙王庙社区", "工业路社区")),
      new Town("005", "南圪洞街道", List.of("南圪洞社区", "东河槽社区", "巴彦塔拉社区")),
      new Town("006", "东站街道", List.of("东站社区", "铁路社区", "站北社区", "东站南社区")),
      new Town("007", "回民街道", List.of("回民社区", "清真寺社区", "北梁社区")),
      new Town("008", "南海街道", List.of("南海社区", "湖滨社区", "海岸社区", "南海湿地社区", "沿湖社区")),
      new Town("009", "河东街道", List.of("河东社区", "东河湾社区", "新城社区")),
      new Town("010", "铁西街道", List.of("铁西社区", "西站社区", "东河西社区", "铁西北社区")),
      new Town("011", "东兴街道", List.of("东兴社区", "兴盛社区", "西湖社区", "东华社区")),
      new Town("012", "杨圪塄街道", List.of("杨圪塄社区", "二里半社区", "东风社区")),
      new Town("100", "河东镇", List.of("河东村", "王大汉村", "东园村", "壕赖沟村", "黑麻板村")),
      new Town("101", "沙尔沁镇", List.of("沙尔沁村", "大一间房村", "小巴拉盖村", "沙尔营村")));

  record Loaded(List<String> towns, List<String> communities, int count) {}

  /** Inserts every region that is not there yet (an admin may have created the district already). */
  static Loaded insert(Handle h) {
    PreparedBatch batch = h.prepareBatch(
        "INSERT INTO regions (code, name, level, parent_code) VALUES (:code, :name, :level, :parent) ON CONFLICT (code) DO NOTHING");
    batch.bind("code", DemoData.DISTRICT).bind("name", "东河区").bind("level", "DISTRICT").bind("parent", (String) null).add();
    List<String> towns = new ArrayList<>();
    List<String> communities = new ArrayList<>();
    for (Town t : TOWNS) {
      String town = "150202" + t.code3() + "000";
      towns.add(town);
      batch.bind("code", town).bind("name", t.name()).bind("level", "TOWN").bind("parent", DemoData.DISTRICT).add();
      boolean villages = t.name().endsWith("镇");
      for (int i = 0; i < t.communities().size(); i++) {
        String code = town.substring(0, 9) + String.format("%03d", (villages ? 201 : 1) + i);
        communities.add(code);
        batch.bind("code", code).bind("name", t.communities().get(i)).bind("level", "COMMUNITY").bind("parent", town).add();
      }
    }
    batch.execute();
    return new Loaded(List.copyOf(towns), List.copyOf(communities), 1 + towns.size() + communities.size());
  }
}
