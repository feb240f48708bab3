module.exports = eval("require")("../../templates/global/");
