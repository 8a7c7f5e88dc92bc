import * as cdk from "@aws-cdk/core";
import { Queue, QueueEncryption } from "@aws-cdk/aws-sqs";

export class JobsStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    // ruleid: ts-cdk-sqs-queue-unencrypted
    const jobs = new Queue(this, "Jobs", { visibilityTimeout: cdk.Duration.seconds(60) });
    // ruleid: ts-cdk-sqs-queue-unencrypted
    const dead = new Queue(this, "Dead", { encryption: QueueEncryption.UNENCRYPTED });
    // ok: ts-cdk-sqs-queue-unencrypted
    const mail = new Queue(this, "Mail", { encryption: QueueEncryption.KMS_MANAGED });
  }
}
