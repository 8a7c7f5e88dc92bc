const express = require("express");
const app = express();
app.post("/login", async (req, res) => {
  // ruleid: js-nosqli-taint
  const u1 = await User.findOne({ user: req.body.user, pass: req.body.pass });
  // ok: js-nosqli-taint
  const u2 = await User.findOne({ user: String(req.body.user), pass: String(req.body.pass) });
  // ok: js-nosqli-taint
  const admins = await User.find({ role: "admin" });
  res.json(u1);
});

const { QueryCommand } = require("@aws-sdk/client-dynamodb");

exports.handler = async (event) => {
  // ruleid: js-nosqli-taint
  const found = await ddb.send(new QueryCommand(JSON.parse(event.body)));
  // ok: js-nosqli-taint
  const mine = await ddb.send(new QueryCommand({
    TableName: "orders",
    KeyConditionExpression: "customer = :c",
    ExpressionAttributeValues: { ":c": { S: event.requestContext.authorizer.sub } },
  }));
  return { found, mine };
};
