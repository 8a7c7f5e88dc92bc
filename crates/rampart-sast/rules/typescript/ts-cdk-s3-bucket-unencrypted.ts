import * as cdk from "@aws-cdk/core";
import * as s3 from "@aws-cdk/aws-s3";

export class StorageStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    // ruleid: ts-cdk-s3-bucket-unencrypted
    const uploads = new s3.Bucket(this, "Uploads", { versioned: true });
    // ruleid: ts-cdk-s3-bucket-unencrypted
    const logs = new s3.Bucket(this, "Logs", { encryption: s3.BucketEncryption.UNENCRYPTED });
    // ok: ts-cdk-s3-bucket-unencrypted
    const reports = new s3.Bucket(this, "Reports", { encryption: s3.BucketEncryption.KMS_MANAGED });
    // ok: ts-cdk-s3-bucket-unencrypted
    const queue = new cdk.CfnResource(this, "Other", { type: "AWS::SQS::Queue" });
  }
}
