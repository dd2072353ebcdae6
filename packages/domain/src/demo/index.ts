// 陇海马路街道 as the article describes it: the upstream side of the demo data.
export {};
